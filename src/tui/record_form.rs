//! The small forms for an organisation or a location of the sociale kaart, opened from the
//! service form (Enter on its Organisatie or Locatie row).

use crate::domain::kaart::typed_phones;
use crate::domain::{Address, Kaart, Location, Organization, Phone};

use super::form::{Form, TextField};
use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Organization,
    Location,
}

/// An organisation or location being added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordForm {
    pub kind: RecordKind,
    /// The id of the record as stored; empty for a new one.
    pub id: String,
    pub form: Form,
}

fn field(label: &'static str, value: &str) -> TextField {
    TextField::with_value(label, 300, value)
}

fn numbers(phones: &[Phone]) -> String {
    phones
        .iter()
        .map(|p| p.number.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl RecordForm {
    pub fn organization(existing: Option<&Organization>) -> RecordForm {
        let blank = Organization::default();
        let o = existing.unwrap_or(&blank);
        RecordForm {
            kind: RecordKind::Organization,
            id: o.id.clone(),
            form: Form::new(vec![
                field(text::EDIT_NAME, &o.name),
                field(text::EDIT_DESCRIPTION, &o.description),
                field(text::EDIT_PHONES, &numbers(&o.phones)),
                field(text::EDIT_EMAIL, o.email.as_deref().unwrap_or("")),
                field(text::EDIT_WEBSITE, o.website.as_deref().unwrap_or("")),
            ]),
        }
    }

    pub fn location(existing: Option<&Location>, kaart: &Kaart) -> RecordForm {
        let blank = Location::default();
        let l = existing.unwrap_or(&blank);
        let address = l.address.clone().unwrap_or_default();
        let organization = l
            .organization_id
            .as_deref()
            .and_then(|id| kaart.organization(id))
            .map_or("", |o| o.name.as_str());
        RecordForm {
            kind: RecordKind::Location,
            id: l.id.clone(),
            form: Form::new(vec![
                field(text::EDIT_NAME, &l.name),
                field(text::EDIT_ORGANIZATION, organization),
                field(text::EDIT_STREET, &address.street),
                field(text::EDIT_POSTCODE, &address.postcode),
                field(text::EDIT_CITY, &address.city),
                field(text::EDIT_WIJK, address.wijk.as_deref().unwrap_or("")),
                field(text::EDIT_PHONES, &numbers(&l.phones)),
            ]),
        }
    }

    pub fn title(&self) -> &'static str {
        match (self.kind, self.id.is_empty()) {
            (RecordKind::Organization, true) => text::NEW_ORGANIZATION,
            (RecordKind::Organization, false) => text::EDIT_ORGANIZATION_TITLE,
            (RecordKind::Location, true) => text::NEW_LOCATION,
            (RecordKind::Location, false) => text::EDIT_LOCATION_TITLE,
        }
    }

    /// The organisation as typed, over what was stored.
    pub fn to_organization(&self, kaart: &Kaart) -> Organization {
        let mut o = kaart.organization(&self.id).cloned().unwrap_or_default();
        let value = |i: usize| self.form.value(i).trim().to_string();
        o.name = value(0);
        o.description = value(1);
        o.phones = typed_phones(&o.id, &o.phones, &value(2));
        o.email = optional(&value(3));
        o.website = optional(&value(4));
        o
    }

    /// The location as typed, over what was stored; an unknown organisation is refused.
    pub fn to_location(&self, kaart: &Kaart) -> Result<Location, String> {
        let mut l = kaart.location(&self.id).cloned().unwrap_or_default();
        let value = |i: usize| self.form.value(i).trim().to_string();
        l.name = value(0);
        let organization = value(1);
        l.organization_id = if organization.is_empty() {
            None
        } else {
            let found = kaart
                .organizations
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(&organization))
                .ok_or_else(|| text::UNKNOWN_ORGANIZATION.to_string())?;
            Some(found.id.clone())
        };
        let address = Address {
            street: value(2),
            postcode: value(3),
            city: value(4),
            wijk: optional(&value(5)),
        };
        let empty = address.street.is_empty()
            && address.postcode.is_empty()
            && address.city.is_empty()
            && address.wijk.is_none();
        l.address = (!empty).then_some(address);
        l.phones = typed_phones(&l.id, &l.phones, &value(6));
        Ok(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn a_location_reads_back_what_was_typed_over_what_was_stored() {
        let mut kaart = Kaart::default();
        kaart.organizations.push(Organization {
            id: "org-1".into(),
            name: "Stichting Welzijn".into(),
            ..Organization::default()
        });
        kaart.locations.push(Location {
            id: "loc-1".into(),
            name: "Buurthuis".into(),
            phones: vec![Phone {
                id: "p1".into(),
                number: "0123 11 22 33".into(),
                kind: "voice".into(),
                description: "balie".into(),
            }],
            ..Location::default()
        });
        let mut form = RecordForm::location(kaart.location("loc-1"), &kaart);
        form.form.focus = 1;
        for c in "stichting welzijn".chars() {
            form.form.handle(Action::Insert(c));
        }
        form.form.focus = 3;
        for c in "7305 AB".chars() {
            form.form.handle(Action::Insert(c));
        }
        let location = form.to_location(&kaart).unwrap();
        assert_eq!(location.organization_id.as_deref(), Some("org-1"));
        assert_eq!(location.address.unwrap().postcode, "7305 AB");
        assert_eq!(location.phones[0].description, "balie", "kept");

        form.form.focus = 1;
        form.form.handle(Action::Insert('x'));
        assert!(form.to_location(&kaart).is_err());
    }
}
