//! Phones, which HSDS lets belong to a service, a service-at-location, a contact, a location or
//! an organisation; Loket keeps them on the service, location or organisation they lead to.

use super::build::Builder;
use super::clean::{LONG_LIMIT, SHORT_LIMIT};
use super::error::ImportError;
use super::table::{RowRef, Table};
use crate::domain::Phone;

/// Whose phone a phone row is.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    Service(usize),
    Location(usize),
    Organization(usize),
}

impl Builder<'_> {
    /// The first resolvable owner among `columns`; else the first column with an unknown id.
    fn owner(
        &self,
        row: RowRef,
        columns: &[&'static str],
    ) -> Result<Owner, Option<(&'static str, String)>> {
        let mut unknown = None;
        for &column in columns {
            let id = Self::reference(row, column);
            if id.is_empty() {
                continue;
            }
            let owner = match column {
                "service_id" => self.service_ix.get(&id).map(|&i| Owner::Service(i)),
                "service_at_location_id" => self.sal.get(&id).map(|&i| Owner::Service(i)),
                "contact_id" => self.contacts.get(&id).copied(),
                "location_id" => self.location_ix.get(&id).map(|&i| Owner::Location(i)),
                _ => self
                    .organization_ix
                    .get(&id)
                    .map(|&i| Owner::Organization(i)),
            };
            match owner {
                Some(owner) => return Ok(owner),
                None => unknown = unknown.or(Some((column, id))),
            }
        }
        Err(unknown)
    }

    /// Contacts only matter to find whose phone a phone row with only a `contact_id` is.
    pub fn contacts(&mut self, t: &Table) {
        let columns = [
            "service_id",
            "service_at_location_id",
            "location_id",
            "organization_id",
        ];
        for row in t.iter() {
            if let Ok(owner) = self.owner(row, &columns) {
                self.contacts.insert(Self::reference(row, "id"), owner);
            }
        }
    }

    pub fn phones(&mut self, t: &Table) -> Result<(), ImportError> {
        t.require(&["number"])?;
        let columns = [
            "service_id",
            "service_at_location_id",
            "contact_id",
            "location_id",
            "organization_id",
        ];
        for row in t.iter() {
            let Some(id) = self.id(row, |b, id| b.phone_ids.contains(id)) else {
                continue;
            };
            let raw_number = self.text(row, &["number"], SHORT_LIMIT);
            let mut number = raw_number
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string();
            if number.is_empty() {
                self.warn(
                    row,
                    Some("number"),
                    "nummer ontbreekt; regel overgeslagen".to_string(),
                );
                continue;
            }
            let extension = self.text(row, &["extension"], SHORT_LIMIT);
            if !extension.is_empty() {
                number = format!("{number} toestel {extension}");
            }
            let owner = match self.owner(row, &columns) {
                Ok(owner) => owner,
                Err(Some((column, unknown))) => {
                    self.unknown(row, column, &unknown);
                    continue;
                }
                Err(None) => {
                    let message =
                        "hoort bij geen dienst, locatie of organisatie; regel overgeslagen";
                    self.warn(row, None, message.to_string());
                    continue;
                }
            };
            let kind = self.text(row, &["type"], SHORT_LIMIT);
            let phone = Phone {
                kind: if kind.is_empty() {
                    "voice".to_string()
                } else {
                    kind
                },
                description: self.text(row, &["description"], LONG_LIMIT),
                number,
                id,
            };
            self.phone_ids.insert(phone.id.clone());
            match owner {
                Owner::Service(i) => self.services[i].phones.push(phone),
                Owner::Location(i) => self.locations[i].phones.push(phone),
                Owner::Organization(i) => self.organizations[i].phones.push(phone),
            }
        }
        Ok(())
    }
}
