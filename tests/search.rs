//! Search engine tests on a small hand-made kaart with the real vocabulary.

use chrono::{NaiveDate, NaiveTime, Weekday};
use loket::domain::{
    Address, Kaart, Laag, Location, Organization, Service, ServiceStatus, WeeklyHours,
};
use loket::search::{Filters, SearchIndex, Strength, Vocabulary};

fn service(id: &str, name: &str, description: &str, leefgebied: &str, laag: Laag) -> Service {
    Service {
        id: id.into(),
        organization_id: Some("org-gemeente".into()),
        name: name.into(),
        description: description.into(),
        leefgebieden: vec![leefgebied.into()],
        laag: Some(laag),
        ..Service::default()
    }
}

fn kaart() -> Kaart {
    let weekdays = |opens: u32, closes: u32| -> Vec<WeeklyHours> {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .map(|weekday| WeeklyHours {
            weekday,
            opens: NaiveTime::from_hms_opt(opens, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(closes, 0, 0).unwrap(),
            valid_from: None,
            valid_to: None,
        })
        .collect()
    };
    let mut services = vec![
        service(
            "svc-schuldhulp",
            "Schuldhulpverlening",
            "Hulp bij problematische schulden en een betalingsregeling.",
            "geldzaken-schulden",
            Laag::Maatwerk,
        ),
        service(
            "svc-budget",
            "Budgetcoach",
            "Een vrijwilliger helpt u uw geldzaken op orde te brengen.",
            "geldzaken-schulden",
            Laag::SociaalNetwerk,
        ),
        service(
            "svc-voedselbank",
            "Voedselbank Lindendaal",
            "Wekelijks een voedselpakket voor wie tijdelijk niet rondkomt.",
            "geldzaken-schulden",
            Laag::Algemeen,
        ),
        service(
            "svc-alzheimer",
            "Alzheimer Café",
            "Maandelijkse ontmoeting over leven met dementie, voor mensen met geheugenproblemen en hun naasten.",
            "zorg-ondersteuning",
            Laag::Collectief,
        ),
        service(
            "svc-rollator",
            "Uitleen van hulpmiddelen",
            "Leen een rollator, rolstoel of krukken voor korte tijd.",
            "zorg-ondersteuning",
            Laag::Algemeen,
        ),
        service(
            "svc-veiligthuis",
            "Veilig Thuis",
            "Advies- en meldpunt huiselijk geweld en kindermishandeling. Bel 0800-2000.",
            "veiligheid",
            Laag::Algemeen,
        ),
        service(
            "svc-cjg",
            "Opvoedspreekuur CJG",
            "Vragen over opvoeden en opgroeien van uw kind of puber.",
            "opvoeden-opgroeien",
            Laag::Algemeen,
        ),
        service(
            "svc-eenzaam",
            "Maatjesproject Samen",
            "Een vrijwilliger bezoekt mensen die zich eenzaam voelen.",
            "meedoen-ontmoeten",
            Laag::SociaalNetwerk,
        ),
        service(
            "svc-client",
            "Onafhankelijke cliëntondersteuning",
            "Een cliëntondersteuner gaat mee naar het keukentafelgesprek.",
            "zorg-ondersteuning",
            Laag::Algemeen,
        ),
    ];
    services[0].hours = weekdays(9, 17);
    services[0].free = true;
    services[0].referral_required = true;
    services[0].location_ids = vec!["loc-stadhuis".into()];
    services[2].status = ServiceStatus::Active;
    services[2].free = true;
    services[2].location_ids = vec!["loc-weide".into()];
    services[6].min_age = Some(0);
    services[6].max_age = Some(23);
    Kaart {
        organizations: vec![Organization {
            id: "org-gemeente".into(),
            name: "Gemeente Lindendaal".into(),
            ..Organization::default()
        }],
        locations: vec![
            Location {
                id: "loc-stadhuis".into(),
                name: "Stadhuis".into(),
                address: Some(Address {
                    wijk: Some("Centrum".into()),
                    ..Address::default()
                }),
                ..Location::default()
            },
            Location {
                id: "loc-weide".into(),
                name: "Buurthuis De Weide".into(),
                address: Some(Address {
                    wijk: Some("De Weide".into()),
                    ..Address::default()
                }),
                ..Location::default()
            },
        ],
        services,
    }
}

fn index() -> SearchIndex {
    SearchIndex::build(std::sync::Arc::new(kaart()), Vocabulary::builtin())
}

fn top(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query, &Filters::default(), 3)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn direct_words_prefixes_and_compounds() {
    let index = index();
    assert_eq!(top(&index, "voedselbank")[0], "svc-voedselbank");
    assert_eq!(top(&index, "schuld")[0], "svc-schuldhulp");
    assert_eq!(top(&index, "Schuldh")[0], "svc-schuldhulp");
    assert_eq!(top(&index, "cafe alzheimer")[0], "svc-alzheimer");
}

#[test]
fn typos_and_missing_diacritics() {
    let index = index();
    assert_eq!(top(&index, "shculden")[0], "svc-schuldhulp");
    assert_eq!(top(&index, "rolator")[0], "svc-rollator");
    assert_eq!(top(&index, "voedselbnk")[0], "svc-voedselbank");
    assert_eq!(top(&index, "clientondersteuning")[0], "svc-client");
}

#[test]
fn problem_words_through_the_vocabulary() {
    let index = index();
    assert!(
        top(&index, "deurwaarder")
            .iter()
            .take(2)
            .any(|id| id == "svc-schuldhulp" || id == "svc-budget")
    );
    assert_eq!(top(&index, "moeder vergeetachtig")[0], "svc-alzheimer");
    assert_eq!(top(&index, "buurman slaat vrouw")[0], "svc-veiligthuis");
    assert_eq!(top(&index, "puber")[0], "svc-cjg");
}

#[test]
fn highlights_point_into_the_name() {
    let index = index();
    let hit = &index.search("schuld", &Filters::default(), 1).hits[0];
    assert_eq!(hit.highlight, [0, 1, 2, 3, 4, 5]);
    let hit = &index.search("cafe", &Filters::default(), 1).hits[0];
    let name: Vec<char> = "Alzheimer Café".chars().collect();
    let marked: String = hit.highlight.iter().map(|&i| name[i]).collect();
    assert_eq!(marked, "Café");
}

#[test]
fn filters_without_a_query() {
    let index = index();
    let filters = Filters {
        leefgebieden: vec!["geldzaken-schulden".into()],
        ..Filters::default()
    };
    let results = index.search("", &filters, 10);
    assert_eq!(results.total, 3);
    // Without a query the kantelingspiramide decides: sociaal netwerk before algemeen before maatwerk.
    let ids: Vec<_> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["svc-budget", "svc-voedselbank", "svc-schuldhulp"]);

    let free = Filters {
        free_only: true,
        no_referral_only: true,
        ..Filters::default()
    };
    assert_eq!(index.search("", &free, 10).total, 1);
    let teen = Filters {
        age: Some(15),
        leefgebieden: vec!["opvoeden-opgroeien".into()],
        ..Filters::default()
    };
    assert_eq!(index.search("", &teen, 10).total, 1);
    let adult = Filters {
        age: Some(40),
        ..teen
    };
    assert_eq!(index.search("", &adult, 10).total, 0);
}

#[test]
fn the_wijk_filter_keeps_city_wide_services() {
    let index = index();
    let de_weide = Filters {
        wijk: Some("de weide".into()),
        leefgebieden: vec!["geldzaken-schulden".into()],
        ..Filters::default()
    };
    let ids: Vec<String> = index
        .search("", &de_weide, 10)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    // The voedselbank is in De Weide, budgetbeheer has no address (city-wide); the
    // schuldhulp desk is only in the Centrum.
    assert!(ids.contains(&"svc-voedselbank".to_string()), "{ids:?}");
    assert!(ids.contains(&"svc-budget".to_string()), "{ids:?}");
    assert!(!ids.contains(&"svc-schuldhulp".to_string()), "{ids:?}");
}

#[test]
fn open_at_uses_hours_and_holidays() {
    let index = index();
    let at = |y, m, d, h| Filters {
        open_at: Some(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        ),
        ..Filters::default()
    };
    let ids = |f: &Filters| {
        index
            .search("", f, 10)
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&at(2026, 11, 23, 10)), ["svc-schuldhulp"]);
    assert!(ids(&at(2026, 11, 23, 20)).is_empty());
    assert!(
        ids(&at(2026, 12, 25, 10)).is_empty(),
        "Eerste Kerstdag is closed"
    );
}

#[test]
fn the_limit_is_respected() {
    let results = index().search("", &Filters::default(), 4);
    assert_eq!(results.hits.len(), 4);
    assert!(results.total > 4);
    let results = index().search("hulp", &Filters::default(), 2);
    assert_eq!(results.hits.len(), 2);
}

/// Two indexes built apart get different hash seeds (the word table is a seeded
/// `foldhash::HashMap`); one of them is built from the kaart in reverse order. Equal results
/// show the ranking depends on neither.
#[test]
fn the_order_depends_neither_on_the_hash_seed_nor_on_the_input_order() {
    let forward = index();
    let mut reversed = kaart();
    reversed.services.reverse();
    reversed.organizations.reverse();
    reversed.locations.reverse();
    let backward = SearchIndex::build(std::sync::Arc::new(reversed), Vocabulary::builtin());
    let queries = [
        "",
        "hulp",
        "schulden",
        "cafe",
        "puber",
        "zorg",
        "de",
        "vrijwilliger",
    ];
    // `doc` is a position in the kaart, so it differs by construction; what the desk sees does not.
    let seen = |index: &SearchIndex, query: &str| {
        let results = index.search(query, &Filters::default(), 50);
        let hits: Vec<_> = results
            .hits
            .into_iter()
            .map(|h| (h.id, h.score, h.highlight))
            .collect();
        (hits, results.total)
    };
    for query in queries {
        assert_eq!(seen(&forward, query), seen(&backward, query), "{query:?}");
    }
}

#[test]
fn hostile_input_never_fails() {
    let index = index();
    let long = "schuld ".repeat(2000);
    for query in [
        "",
        "   ",
        "?!.,;",
        "🙂🙂",
        "\u{0}\u{7}\u{1b}[31m",
        "'; DROP TABLE services; --",
        ".*[a-z]+(",
        long.as_str(),
        "ééééé",
    ] {
        let results = index.search(query, &Filters::default(), 5);
        assert!(results.hits.len() <= 5, "{query:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any text at all returns results or none, never a panic, and never more than asked.
    #[test]
    fn any_query_is_safe(query in "\\PC{0,300}", limit in 0usize..20) {
        static INDEX: std::sync::LazyLock<SearchIndex> = std::sync::LazyLock::new(index);
        let results = INDEX.search(&query, &Filters::default(), limit);
        proptest::prop_assert!(results.hits.len() <= limit);
        proptest::prop_assert!(results.total >= results.strong_shown());
    }
}

#[test]
fn deactivated_services_leave_the_default_search_but_stay_findable_on_request() {
    let mut kaart = kaart();
    kaart.services[0].status = ServiceStatus::Inactive;
    let gone = kaart.services[0].id.clone();
    let index = SearchIndex::build(std::sync::Arc::new(kaart), Vocabulary::builtin());
    let ids = |filters: &Filters| -> Vec<String> {
        index
            .search("schulden", filters, 20)
            .hits
            .iter()
            .map(|h| h.id.clone())
            .collect()
    };
    assert!(!ids(&Filters::default()).contains(&gone));
    let all = Filters {
        include_inactive: true,
        ..Filters::default()
    };
    assert!(ids(&all).contains(&gone));
}

/// A kaart where a sentence's everyday words, a near-spelling and a typo could mislead.
fn sentence_index() -> SearchIndex {
    let services = vec![
        service(
            "svc-moeders",
            "Groep jonge moeders",
            "Ontmoeting voor moeders onder de 23 met een baby.",
            "opvoeden-opgroeien",
            Laag::SociaalNetwerk,
        ),
        service(
            "svc-dementie",
            "Dementieconsulent",
            "Advies als iemand steeds meer vergeet, ook zonder diagnose.",
            "zorg-ondersteuning",
            Laag::Algemeen,
        ),
        service(
            "svc-detentie",
            "Nazorg na detentie",
            "Hulp bij wonen en werk na de gevangenis.",
            "veiligheid",
            Laag::Maatwerk,
        ),
        service(
            "svc-rollator",
            "Rollatoruitleen",
            "Een loophulpmiddel voor even.",
            "zorg-ondersteuning",
            Laag::Algemeen,
        ),
        service(
            "svc-buurtkamer",
            "Buurtkamer",
            "Elke ochtend koffie en een praatje.",
            "meedoen-ontmoeten",
            Laag::Algemeen,
        ),
        service(
            "svc-veiligthuis",
            "Veilig Thuis",
            "Advies- en meldpunt huiselijk geweld en kindermishandeling.",
            "veiligheid",
            Laag::Collectief,
        ),
    ];
    let kaart = Kaart {
        services,
        ..Kaart::default()
    };
    SearchIndex::build(std::sync::Arc::new(kaart), Vocabulary::builtin())
}

#[test]
fn a_correctly_spelled_word_is_never_read_as_a_typo_of_another() {
    let index = sentence_index();
    let ids = |query: &str| -> Vec<String> {
        let results = index.search(query, &Filters::default(), 10);
        results.hits.into_iter().map(|h| h.id).collect()
    };
    assert!(!ids("dementie").contains(&"svc-detentie".to_string()));
    assert!(!ids("detentie").contains(&"svc-dementie".to_string()));
    assert_eq!(
        ids("dementei")[0],
        "svc-dementie",
        "a real typo is forgiven"
    );
}

#[test]
fn a_typo_match_never_outranks_an_exact_match_of_another_word() {
    let index = sentence_index();
    let results = index.search("rolator koffie", &Filters::default(), 10);
    let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids[..2], ["svc-buurtkamer", "svc-rollator"]);
}

#[test]
fn everyday_words_weigh_little_next_to_the_problem() {
    let index = sentence_index();
    assert_eq!(top(&index, "mijn moeder vergeet alles")[0], "svc-dementie");
    assert_eq!(top(&index, "mijn moeder vergat het gas")[0], "svc-dementie");
    assert_eq!(top(&index, "hij sloeg me")[0], "svc-veiligthuis");
    assert_eq!(top(&index, "moeder")[0], "svc-moeders", "alone it counts");
}

#[test]
fn weak_matches_only_fill_a_short_list_below_the_strong_ones() {
    let index = sentence_index();
    let results = index.search("dementie", &Filters::default(), 10);
    assert_eq!(results.total, 1, "only the consulent is a strong match");
    assert_eq!(results.hits[0].id, "svc-dementie");
    assert_eq!(results.strong_shown(), 1);
    assert!(
        results.hits[1..]
            .iter()
            .all(|h| h.strength == Strength::Weak),
        "the leefgebied's other services follow as weak ones"
    );
    let all = index.search("", &Filters::default(), 10);
    assert_eq!(
        all.strong_shown(),
        all.hits.len(),
        "a listing is all strong"
    );
    let limited = index.search("dementie", &Filters::default(), 1);
    assert_eq!(limited.hits.len(), 1, "the limit holds for weak ones too");
}

#[test]
fn the_index_read_from_the_store_is_the_index_of_the_kaart_and_details_come_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = loket::store::Store::open(&dir.path().join("k.db"))
        .unwrap()
        .store;
    store.save_kaart(&kaart(), None).unwrap();
    let from_store = SearchIndex::load(&store, Vocabulary::builtin()).unwrap();
    let in_memory = index();
    for query in ["schulden", "rolator", "taal", "voedselbnk", ""] {
        let filters = Filters::default();
        assert_eq!(
            from_store.search(query, &filters, 10),
            in_memory.search(query, &filters, 10),
            "{query:?}"
        );
    }
    let hit = &from_store.search("schulden", &Filters::default(), 1).hits[0];
    let line = from_store.line(hit.doc);
    assert_eq!(from_store.line_of(&hit.id).unwrap().name, line.name);
    let detail = store.service_detail(&hit.id).unwrap().unwrap();
    assert_eq!(detail.services[0].name, line.name);
    assert_eq!(
        line.organization,
        detail.organizations.first().map(|o| o.name.as_str())
    );
    assert_eq!(store.service_detail("svc-onbekend").unwrap(), None);
}
