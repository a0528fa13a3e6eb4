//! The municipality's own organisation (`routing.toml`): which real team owns each route of
//! the verwijs-scan, and which outside bodies take a warm handover. Seed 003 §3.3 ends its
//! routing with "Dit is het beeld dat we hier nu van hebben … in de praktijk vorm aan geven",
//! and seed 001 lists eight loketten of its own: the teams are data, not code.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use toml::Spanned;

use super::{is_incomplete, route_label};
use crate::domain::intake::Route;
use crate::domain::leefgebied::Leefgebieden;
use crate::domain::plan::{DEFAULT_DECIDING_TEAM, PlanTeams};
use crate::domain::queue::Target;

const BUILTIN: &str = include_str!("../../../data/routing.toml");

/// The callbacks of the general number go to the team the route calls by this name.
const KCC: &str = "KCC";

/// An outside body for a warm handover (seed 003 Bijlage 1: "Verwijzingen … gebeuren 'warm'").
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalTarget {
    pub code: String,
    #[serde(rename = "naam")]
    pub name: String,
    #[serde(rename = "telefoon", default)]
    pub phone: Option<String>,
    /// When the desk hands over there.
    #[serde(rename = "wanneer", default)]
    pub when: String,
}

/// The routes' teams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingTable {
    expertiseteam: String,
    kcc: String,
    /// The team that decides on the beschikkingen a plan leads to (seed 003 §3.4).
    beschikking: String,
    loket: BTreeMap<String, String>,
    sociaal_team: BTreeMap<String, String>,
    external: Vec<ExternalTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoutingFile {
    expertiseteam: Spanned<String>,
    kcc: Spanned<String>,
    #[serde(default)]
    beschikking: Option<Spanned<String>>,
    #[serde(default)]
    loket: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    sociaal_team: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default, rename = "extern")]
    external: Vec<Spanned<ExternalTarget>>,
}

/// A routing.toml that cannot be used, with the line to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingError {
    pub line: usize,
    pub problem: String,
}

impl fmt::Display for RoutingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "routing.toml, regel {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for RoutingError {}

/// A route that has no team yet: the Sociaal Team of an unknown wijk (D9).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("de wijk is onbekend: kies de wijk of het team")]
pub struct RouteIncomplete;

impl RoutingTable {
    /// The table shipped in `data/routing.toml`.
    pub fn builtin() -> RoutingTable {
        RoutingTable::from_toml(BUILTIN, &Leefgebieden::builtin())
            .expect("data/routing.toml is valid")
    }

    pub fn from_toml(
        text: &str,
        leefgebieden: &Leefgebieden,
    ) -> Result<RoutingTable, RoutingError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let error = |offset: usize, problem: String| RoutingError {
            line: line_of(offset),
            problem,
        };
        let file: RoutingFile = toml::from_str(text).map_err(|e| {
            error(
                e.span().map_or(0, |s| s.start),
                format!(
                    "geen geldige TOML: {}",
                    e.message().trim().replace('\n', " ")
                ),
            )
        })?;
        let named = |value: &Spanned<String>, what: &str| {
            let name = value.get_ref().trim();
            if name.is_empty() {
                Err(error(
                    value.span().start,
                    format!("{what}: de teamnaam is leeg"),
                ))
            } else {
                Ok(name.to_string())
            }
        };
        let mut loket = BTreeMap::new();
        for (code, team) in &file.loket {
            if leefgebieden.get(code.get_ref()).is_none() {
                return Err(error(
                    code.span().start,
                    format!(
                        "onbekend leefgebied {:?} (geldig: {})",
                        code.get_ref(),
                        leefgebieden.codes()
                    ),
                ));
            }
            loket.insert(code.get_ref().clone(), named(team, code.get_ref())?);
        }
        let mut sociaal_team = BTreeMap::new();
        for (wijk, team) in &file.sociaal_team {
            sociaal_team.insert(
                wijk.get_ref().trim().to_string(),
                named(team, wijk.get_ref())?,
            );
        }
        let mut external: Vec<ExternalTarget> = Vec::new();
        for target in &file.external {
            let t = target.get_ref();
            if t.code.trim().is_empty() || t.name.trim().is_empty() {
                return Err(error(
                    target.span().start,
                    "extern: code en naam zijn nodig".to_string(),
                ));
            }
            if external.iter().any(|e| e.code == t.code) {
                return Err(error(
                    target.span().start,
                    format!("extern: code {:?} staat er twee keer", t.code),
                ));
            }
            external.push(t.clone());
        }
        Ok(RoutingTable {
            expertiseteam: named(&file.expertiseteam, "expertiseteam")?,
            kcc: named(&file.kcc, "kcc")?,
            beschikking: match &file.beschikking {
                Some(team) => named(team, "beschikking")?,
                None => DEFAULT_DECIDING_TEAM.to_string(),
            },
            loket,
            sociaal_team,
            external,
        })
    }

    /// The team that owns `route`: every route has one, except a Sociaal Team whose wijk is
    /// still unknown. A question handled at the desk stays with the desk.
    pub fn team_of(
        &self,
        route: &Route,
        leefgebieden: &Leefgebieden,
    ) -> Result<String, RouteIncomplete> {
        if is_incomplete(route) {
            return Err(RouteIncomplete);
        }
        Ok(match Target::of_route(route) {
            Some(target) => self.team_name(&target, leefgebieden),
            None => "de balie zelf".to_string(),
        })
    }

    /// The team an item waiting at `target` belongs to: the one this table names, else the
    /// name the desk gives it by default ("Loket Wonen", "Sociaal Team De Weide").
    pub fn team_name(&self, target: &Target, leefgebieden: &Leefgebieden) -> String {
        let named = match target {
            Target::Loket(leefgebied) => self.loket.get(leefgebied),
            Target::SociaalTeam(wijk) => self.sociaal_team.get(wijk),
            Target::Expertiseteam => Some(&self.expertiseteam),
            Target::Team(team) if team == KCC => Some(&self.kcc),
            Target::Team(_) => None,
        };
        named
            .cloned()
            .unwrap_or_else(|| target.default_label(leefgebieden))
    }

    /// The route as the desk reads it, with the team that gets it when the municipality calls
    /// that team otherwise: "Loket Geldzaken & schulden → Budget Adviesbureau".
    pub fn route_line(&self, route: &Route, leefgebieden: &Leefgebieden) -> String {
        let label = route_label(route, leefgebieden);
        match Target::of_route(route).filter(|_| !is_incomplete(route)) {
            Some(target) => {
                let team = self.team_name(&target, leefgebieden);
                if team == target.default_label(leefgebieden) {
                    label
                } else {
                    format!("{label} → {team}")
                }
            }
            None => label,
        }
    }

    /// The outside body with `code`.
    pub fn external_target(&self, code: &str) -> Option<&ExternalTarget> {
        self.external.iter().find(|t| t.code == code)
    }

    /// The teams a plan deals with: who decides on its beschikkingen, and the KCC, which never
    /// sees one.
    pub fn plan_teams(&self) -> PlanTeams {
        PlanTeams {
            deciding: self.beschikking.clone(),
            kcc: self.kcc.clone(),
        }
    }

    /// The outside bodies for a warm handover, in the file's order.
    pub fn external(&self) -> &[ExternalTarget] {
        &self.external
    }
}

/// A warm handover to an outside body, as recorded: where, what was passed on, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalHandover {
    pub target: String,
    pub passed_on: String,
    pub at: DateTime<Utc>,
}

/// Checks a warm handover outside: a body of the table, and what was passed on in words.
pub fn external_handover(
    table: &RoutingTable,
    code: &str,
    passed_on: &str,
    at: DateTime<Utc>,
) -> Result<ExternalHandover, String> {
    let target = table
        .external_target(code)
        .ok_or_else(|| format!("Onbekende instantie {code:?}: niet in routing.toml"))?;
    let passed_on = passed_on.trim();
    if passed_on.is_empty() {
        return Err(format!(
            "Schrijf op wat er aan {} is doorgegeven",
            target.name
        ));
    }
    Ok(ExternalHandover {
        target: target.code.clone(),
        passed_on: passed_on.to_string(),
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::routing::UNKNOWN_WIJK;

    fn parse(text: &str) -> Result<RoutingTable, RoutingError> {
        RoutingTable::from_toml(text, &Leefgebieden::builtin())
    }

    /// Seed 001: "8 separate loketten (… Budget Adviesbureau …)": a leefgebied goes to the
    /// team the municipality has for it; a wijk to its own Sociaal Team.
    #[test]
    fn routes_go_to_the_municipalitys_own_teams() {
        let table = parse(
            "expertiseteam = \"Expertisecentrum\"\nkcc = \"Publiekscontacten\"\n\
             [loket]\ngeldzaken-schulden = \"Budget Adviesbureau\"\n\
             [sociaal_team]\n\"De Weide\" = \"Sociaal Team Zuid\"\n",
        )
        .unwrap();
        let l = Leefgebieden::builtin();
        let team = |route: Route| table.team_of(&route, &l).unwrap();
        assert_eq!(
            team(Route::Loket {
                leefgebied: "geldzaken-schulden".into()
            }),
            "Budget Adviesbureau"
        );
        assert_eq!(
            team(Route::Loket {
                leefgebied: "wonen".into()
            }),
            "Loket Wonen"
        );
        assert_eq!(
            team(Route::SociaalTeam {
                wijk: "De Weide".into()
            }),
            "Sociaal Team Zuid"
        );
        assert_eq!(
            team(Route::SociaalTeam {
                wijk: "Centrum".into()
            }),
            "Sociaal Team Centrum"
        );
        assert_eq!(team(Route::Expertiseteam), "Expertisecentrum");
        assert_eq!(
            team(Route::Terugbelverzoek { team: "KCC".into() }),
            "Publiekscontacten"
        );
        assert_eq!(team(Route::Direct), "de balie zelf");
    }

    /// The desk sees where the question goes: the route, and the team when it has its own name.
    #[test]
    fn the_route_line_names_the_municipalitys_own_team() {
        let table = parse(
            "expertiseteam = \"Expertiseteam\"\nkcc = \"KCC\"\n\
             [loket]\ngeldzaken-schulden = \"Budget Adviesbureau\"\n",
        )
        .unwrap();
        let l = Leefgebieden::builtin();
        let line = |route: Route| table.route_line(&route, &l);
        assert_eq!(
            line(Route::Loket {
                leefgebied: "geldzaken-schulden".into()
            }),
            "Loket Geldzaken & schulden → Budget Adviesbureau"
        );
        assert_eq!(
            line(Route::Loket {
                leefgebied: "wonen".into()
            }),
            "Loket Wonen"
        );
        assert_eq!(
            line(Route::Terugbelverzoek { team: "KCC".into() }),
            "Terugbelverzoek KCC"
        );
        assert_eq!(
            line(Route::SociaalTeam {
                wijk: UNKNOWN_WIJK.into()
            }),
            "Sociaal Team (kies de wijk)"
        );
        assert_eq!(line(Route::Direct), "Direct afgehandeld");
    }

    /// Seed 003 §3.4: a plan's non-free voorzieningen lead to a beschikking, decided by the
    /// team the municipality names; without a name, the built-in one.
    #[test]
    fn the_deciding_team_is_configurable() {
        let builtin = RoutingTable::builtin().plan_teams();
        assert_eq!(builtin.deciding, "Team Wmo-consulenten");
        assert_eq!(builtin.kcc, "KCC");
        assert_eq!(builtin, PlanTeams::default());
        let own = parse("expertiseteam = \"E\"\nkcc = \"K\"\nbeschikking = \"Backoffice Wmo\"\n")
            .unwrap();
        assert_eq!(own.plan_teams().deciding, "Backoffice Wmo");
        let err = parse("expertiseteam = \"E\"\nkcc = \"K\"\nbeschikking = \"\"\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    /// D9: "Sociaal Team onbekend" was a team nobody belongs to.
    #[test]
    fn an_unknown_wijk_has_no_team() {
        let table = RoutingTable::builtin();
        let route = Route::SociaalTeam {
            wijk: UNKNOWN_WIJK.into(),
        };
        assert_eq!(
            table.team_of(&route, &Leefgebieden::builtin()),
            Err(RouteIncomplete)
        );
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let err = parse("expertiseteam = \"E\"\nkcc = \"K\"\n[loket]\nruimtevaart = \"X\"\n")
            .unwrap_err();
        assert_eq!(err.line, 4);
        assert!(
            err.to_string()
                .starts_with("routing.toml, regel 4: onbekend leefgebied \"ruimtevaart\""),
            "{err}"
        );
        let err = parse("expertiseteam = \"E\"\nkcc = \n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = parse("expertiseteam = \"E\"\nkcc = \"K\"\nteams = 3\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err = parse("expertiseteam = \" \"\nkcc = \"K\"\n").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
    }

    /// Seed 003 Bijlage 1: "Verwijzingen naar andere voorzieningen gebeuren 'warm'": what was
    /// passed on is written down, with the time.
    #[test]
    fn a_warm_handover_outside_records_what_was_passed_on() {
        let table = RoutingTable::builtin();
        assert!(table.external().iter().any(|t| t.code == "veilig-thuis"));
        let at = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let h =
            external_handover(&table, "veilig-thuis", " melding, kinderen in huis ", at).unwrap();
        assert_eq!(
            (h.target.as_str(), h.passed_on.as_str(), h.at),
            ("veilig-thuis", "melding, kinderen in huis", at)
        );
        assert!(external_handover(&table, "veilig-thuis", " ", at).is_err());
        assert!(external_handover(&table, "politie", "x", at).is_err());
    }
}
