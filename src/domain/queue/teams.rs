//! The teams an item can wait at, as the desk names them: one list for the pickers on screen
//! and for the commands that take a team.

use super::Target;
use crate::domain::ReferenceData;

/// Every team an item can wait at: the Loket per leefgebied, the Sociaal Team per wijk, the
/// Expertiseteam and the KCC. The one list the TUI's pickers and the CLI's checks use.
pub fn all_teams(reference: &ReferenceData) -> Vec<Target> {
    let mut teams: Vec<Target> = reference
        .leefgebieden
        .all()
        .iter()
        .map(|l| Target::Loket(l.code.clone()))
        .collect();
    let wijken = reference.postcodes.wijken();
    teams.extend(wijken.iter().map(|w| Target::SociaalTeam(w.to_string())));
    teams.push(Target::Expertiseteam);
    teams.push(Target::Team("KCC".to_string()));
    teams
}

/// The team called `name` (as on screen, or the code behind it, in any case), or a Dutch
/// refusal that lists the teams there are.
pub fn find_team(name: &str, reference: &ReferenceData) -> Result<Target, String> {
    let name = name.trim();
    let teams = all_teams(reference);
    teams
        .iter()
        .find(|team| {
            let (_, code) = team.code();
            team.label(reference).eq_ignore_ascii_case(name)
                || (!code.is_empty() && code.eq_ignore_ascii_case(name))
        })
        .cloned()
        .ok_or_else(|| {
            let labels: Vec<String> = teams.iter().map(|t| t.label(reference)).collect();
            format!("onbekend team {name:?}; kies uit: {}", labels.join(", "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Desk-test S12: `user add --team "Loket Woon"` was accepted.
    #[test]
    fn teams_are_found_by_label_or_code_and_unknown_ones_refused() {
        let reference = ReferenceData::embedded();
        let find = |name: &str| find_team(name, &reference);
        assert_eq!(find("loket wonen"), Ok(Target::Loket("wonen".into())));
        assert_eq!(
            find("Sociaal Team De Weide"),
            Ok(Target::SociaalTeam("De Weide".into()))
        );
        assert_eq!(find(" KCC "), Ok(Target::Team("KCC".into())));
        let refusal = find("Loket Woon").unwrap_err();
        assert!(
            refusal.starts_with("onbekend team \"Loket Woon\"; kies uit: "),
            "{refusal}"
        );
        assert!(refusal.contains("Loket Wonen") && refusal.contains("Sociaal Team Centrum"));
    }

    /// A municipality's own names are the names a team is found by (`user add --team`).
    #[test]
    fn a_team_renamed_in_routing_toml_is_found_by_its_new_name() {
        let mut reference = ReferenceData::clone(&ReferenceData::embedded());
        reference.routing = crate::domain::routing::table::RoutingTable::from_toml(
            "expertiseteam = \"E\"\nkcc = \"K\"\n[sociaal_team]\n\"De Weide\" = \"Sociaal Team Zuid\"\n",
            &reference.leefgebieden,
        )
        .unwrap();
        assert_eq!(
            find_team("sociaal team zuid", &reference),
            Ok(Target::SociaalTeam("De Weide".into()))
        );
        assert!(find_team("Sociaal Team De Weide", &reference).is_err());
    }
}
