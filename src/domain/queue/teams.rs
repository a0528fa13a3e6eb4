//! The teams an item can wait at, as the desk names them: one list for the pickers on screen
//! and for the commands that take a team.

use super::Target;
use crate::domain::Leefgebieden;

/// Every team an item can wait at: the Loket per leefgebied, the Sociaal Team per wijk, the
/// Expertiseteam and the KCC. The one list the TUI's pickers and the CLI's checks use.
pub fn all_teams(leefgebieden: &Leefgebieden, wijken: &[&str]) -> Vec<Target> {
    let mut teams: Vec<Target> = leefgebieden
        .all()
        .iter()
        .map(|l| Target::Loket(l.code.clone()))
        .collect();
    teams.extend(wijken.iter().map(|w| Target::SociaalTeam(w.to_string())));
    teams.push(Target::Expertiseteam);
    teams.push(Target::Team("KCC".to_string()));
    teams
}

/// The team called `name` (as on screen, or the code behind it, in any case), or a Dutch
/// refusal that lists the teams there are.
pub fn find_team(
    name: &str,
    leefgebieden: &Leefgebieden,
    wijken: &[&str],
) -> Result<Target, String> {
    let name = name.trim();
    let teams = all_teams(leefgebieden, wijken);
    teams
        .iter()
        .find(|team| {
            let (_, code) = team.code();
            team.label(leefgebieden).eq_ignore_ascii_case(name)
                || (!code.is_empty() && code.eq_ignore_ascii_case(name))
        })
        .cloned()
        .ok_or_else(|| {
            let labels: Vec<String> = teams.iter().map(|t| t.label(leefgebieden)).collect();
            format!("onbekend team {name:?}; kies uit: {}", labels.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Desk-test S12: `user add --team "Loket Woon"` was accepted.
    #[test]
    fn teams_are_found_by_label_or_code_and_unknown_ones_refused() {
        let leefgebieden = Leefgebieden::builtin();
        let wijken = ["De Weide", "Centrum"];
        assert_eq!(
            find_team("loket wonen", &leefgebieden, &wijken),
            Ok(Target::Loket("wonen".into()))
        );
        assert_eq!(
            find_team("Sociaal Team De Weide", &leefgebieden, &wijken),
            Ok(Target::SociaalTeam("De Weide".into()))
        );
        assert_eq!(
            find_team(" KCC ", &leefgebieden, &wijken),
            Ok(Target::Team("KCC".into()))
        );
        let refusal = find_team("Loket Woon", &leefgebieden, &wijken).unwrap_err();
        assert!(
            refusal.starts_with("onbekend team \"Loket Woon\"; kies uit: "),
            "{refusal}"
        );
        assert!(refusal.contains("Loket Wonen") && refusal.contains("Sociaal Team Centrum"));
    }
}
