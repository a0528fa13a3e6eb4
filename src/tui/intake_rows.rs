//! The rows of the intake form: what each one edits, how it is set, which validation
//! message belongs under it, and which rows Tab passes over as one group.

use crate::domain::intake::Signalen;
use crate::domain::validation::Field;

use super::form::FieldKind;

/// The text rows of the form; each edits one string of the intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    SignaalVan,
    Name,
    Phone,
    Email,
    Postcode,
    HouseNumber,
    BirthYear,
    OnBehalfOf,
    Question,
    DangerReason,
    RouteReason,
    OwnTrackReason,
    HandoverNote,
}

/// The signs of the verwijs-scan, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Acute,
    VeelGeprobeerd,
    Overlast,
    Huisuitzetting,
    Dakloos,
    NaDetentie,
    Zorgmijding,
}

impl Sign {
    pub const ALL: [Sign; 7] = [
        Sign::Acute,
        Sign::VeelGeprobeerd,
        Sign::Overlast,
        Sign::Huisuitzetting,
        Sign::Dakloos,
        Sign::NaDetentie,
        Sign::Zorgmijding,
    ];

    pub(super) fn flag(self, s: &mut Signalen) -> &mut bool {
        match self {
            Sign::Acute => &mut s.acute_onveiligheid,
            Sign::VeelGeprobeerd => &mut s.veel_geprobeerd,
            Sign::Overlast => &mut s.overlast,
            Sign::Huisuitzetting => &mut s.dreigende_huisuitzetting,
            Sign::Dakloos => &mut s.dakloos,
            Sign::NaDetentie => &mut s.na_detentie,
            Sign::Zorgmijding => &mut s.zorgmijding,
        }
    }

    pub fn is_set(self, signalen: Signalen) -> bool {
        let mut copy = signalen;
        *self.flag(&mut copy)
    }
}

/// One row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Kanaal,
    Melder,
    Text(Text),
    Household,
    /// "Is er nu direct gevaar?", asked while the question holds danger words.
    Gevaar,
    Called112,
    CalledVeiligThuis,
    Leefgebied(usize),
    Complexiteit,
    Sign(Sign),
    Advice(usize),
    AddAdvice,
    DigitalApplication,
    Route,
    Urgentie,
    Consent,
}

impl Row {
    pub fn is_text(self) -> bool {
        matches!(self, Row::Text(_))
    }

    /// How a row that is not typed into is set (`None` for text rows).
    pub fn kind(self) -> Option<FieldKind> {
        Some(match self {
            Row::Text(_) => return None,
            Row::Kanaal
            | Row::Melder
            | Row::Gevaar
            | Row::Complexiteit
            | Row::Route
            | Row::Urgentie
            | Row::Consent => FieldKind::Choice,
            Row::Leefgebied(_)
            | Row::Sign(_)
            | Row::Called112
            | Row::CalledVeiligThuis
            | Row::DigitalApplication => FieldKind::Checkbox,
            Row::Household | Row::Advice(_) | Row::AddAdvice => FieldKind::Opens,
        })
    }

    /// Whether the message of validation `field` belongs under this row. A missing way to
    /// reach the resident is told at the phone number, where it is typed.
    pub fn shows(self, field: Field) -> bool {
        self.field() == Some(field) || (field == Field::Contact && self == Row::Text(Text::Phone))
    }

    /// The validation field whose own message belongs under this row.
    fn field(self) -> Option<Field> {
        Some(match self {
            Row::Text(Text::Name) => Field::Name,
            Row::Text(Text::Phone) => Field::Phone,
            Row::Text(Text::Email) => Field::Email,
            Row::Text(Text::Postcode) => Field::Postcode,
            Row::Text(Text::HouseNumber) => Field::HouseNumber,
            Row::Text(Text::BirthYear) => Field::BirthYear,
            Row::Text(Text::Question) => Field::Question,
            Row::Route => Field::Route,
            Row::Text(Text::RouteReason) => Field::RouteReason,
            Row::Text(Text::DangerReason) => Field::DangerReason,
            Row::Text(Text::OwnTrackReason) => Field::OwnTrackReason,
            Row::Text(Text::HandoverNote) => Field::HandoverNote,
            Row::Leefgebied(0) => Field::Leefgebieden,
            Row::Consent => Field::Consent,
            _ => return None,
        })
    }
}

impl Row {
    /// Rows Tab passes over as one: the leefgebieden, the signalen, the advice. The arrow keys
    /// move within them.
    pub(super) fn same_group(self, other: Row) -> bool {
        matches!(
            (self, other),
            (Row::Leefgebied(_), Row::Leefgebied(_))
                | (Row::Sign(_), Row::Sign(_))
                | (
                    Row::Advice(_) | Row::AddAdvice,
                    Row::Advice(_) | Row::AddAdvice
                )
        )
    }
}
