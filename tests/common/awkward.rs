//! The awkward kaart: every field used, and the cases an exchange format tends to lose. Shared
//! by the round-trip and the schema tests.

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::{
    Address, HoursException, Kaart, Laag, Location, Organization, Phone, Service, ServiceStatus,
    WeeklyHours,
};

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn phone(id: &str, number: &str, kind: &str, description: &str) -> Phone {
    Phone {
        id: id.into(),
        number: number.into(),
        kind: kind.into(),
        description: description.into(),
    }
}

/// A kaart with every field used and the awkward cases an exchange format tends to lose.
pub fn awkward_kaart() -> Kaart {
    let organizations = vec![
        Organization {
            id: "org-a".into(),
            name: "Stichting \"Samen\", Lindendaal".into(),
            description: "Regel één\nRegel twee; met puntkomma".into(),
            email: Some("info@samen.example".into()),
            website: None,
            phones: vec![
                phone("tel-org-1", "0123 00 00 01", "voice", ""),
                phone("tel-org-2", "0123 00 00 02", "fax", "Fax"),
            ],
        },
        Organization {
            id: "org-zonder-diensten".into(),
            name: "Wijkvereniging Oost".into(),
            description: String::new(),
            email: None,
            website: Some("https://oost.example".into()),
            phones: vec![],
        },
    ];
    let locations = vec![
        Location {
            id: "loc-1".into(),
            organization_id: Some("org-a".into()),
            name: "Hoofdkantoor".into(),
            description: "Tweede verdieping".into(),
            address: Some(Address {
                street: "Markt 1".into(),
                postcode: "7301 AA".into(),
                city: "Lindendaal".into(),
                wijk: Some("Centrum".into()),
            }),
            phones: vec![phone("tel-loc-1", "0123 11 11 11", "voice", "Balie")],
        },
        Location {
            id: "loc-2".into(),
            organization_id: None,
            name: "Bibliotheek".into(),
            description: String::new(),
            address: Some(Address {
                street: "Kerkplein 3".into(),
                postcode: "7301 BB".into(),
                city: "Lindendaal".into(),
                wijk: None,
            }),
            phones: vec![],
        },
        Location {
            id: "loc-oost".into(),
            organization_id: Some("org-zonder-diensten".into()),
            name: "Wijkgebouw Oost".into(),
            description: String::new(),
            address: None,
            phones: vec![phone("tel-oost", "0123 22 22 22", "voice", "")],
        },
        Location {
            id: "loc-los".into(),
            organization_id: None,
            name: "Losse locatie".into(),
            description: String::new(),
            address: None,
            phones: vec![],
        },
    ];
    let services = vec![
        Service {
            id: "svc-1".into(),
            organization_id: Some("org-a".into()),
            name: "Schuldhulp, budgetcoach & meer".into(),
            alternate_name: Some("Budgetcoach".into()),
            description: "Hulp bij \"schulden\".\nOok thuis.".into(),
            status: ServiceStatus::Active,
            leefgebieden: vec![
                "wonen".into(),
                "geldzaken-schulden".into(),
                "werk-inkomen".into(),
            ],
            laag: Some(Laag::Maatwerk),
            referral_required: true,
            free: true,
            fees_description: Some("Geen kosten".into()),
            min_age: Some(0),
            max_age: Some(150),
            eligibility: Some("Inwoners met schulden".into()),
            application_process: Some("Bel of mail".into()),
            url: Some("https://samen.example/schuldhulp".into()),
            email: Some("schuldhulp@samen.example".into()),
            last_verified: NaiveDate::from_ymd_opt(2025, 10, 1),
            keywords: vec!["budget, coach".into(), "\"aanmaning\"".into(), "één".into()],
            location_ids: vec!["loc-2".into(), "loc-1".into()],
            phones: vec![
                phone("tel-s1-b", "06 11 22 33 44", "text", "sms"),
                phone("tel-s1-a", "0123 33 33 33", "voice", ""),
            ],
            hours: vec![
                WeeklyHours {
                    weekday: Weekday::Mon,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Mon,
                    opens: t(13, 0),
                    closes: t(17, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Tue,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: None,
                    valid_to: None,
                },
                WeeklyHours {
                    weekday: Weekday::Sun,
                    opens: t(20, 0),
                    closes: t(23, 59),
                    valid_from: None,
                    valid_to: None,
                },
                // Seasonal: the same times as Monday and Tuesday, so it must not join their row.
                WeeklyHours {
                    weekday: Weekday::Wed,
                    opens: t(9, 0),
                    closes: t(12, 0),
                    valid_from: NaiveDate::from_ymd_opt(2026, 3, 1),
                    valid_to: NaiveDate::from_ymd_opt(2026, 4, 30),
                },
            ],
            exceptions: vec![
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 25).unwrap(),
                    hours: None,
                    description: "Kerst".into(),
                },
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                    hours: Some((t(9, 0), t(11, 0))),
                    description: String::new(),
                },
                HoursException {
                    date: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                    hours: Some((t(13, 0), t(14, 0))),
                    description: "middag".into(),
                },
            ],
        },
        Service {
            id: "svc-2".into(),
            organization_id: None,
            name: "Oud inloopspreekuur".into(),
            status: ServiceStatus::Inactive,
            leefgebieden: vec!["meedoen-ontmoeten".into()],
            ..Service::default()
        },
    ];
    Kaart {
        organizations,
        locations,
        services,
    }
}
