//! Desk reports ("klopt niet meer") and the beheerder's worklist.

use loket::domain::intake::{Intake, Kanaal, Route, RouteSuggestion};
use loket::store::WorkReason;

use super::*;

#[test]
fn a_report_goes_on_the_worklist_until_it_is_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, bea, anna) = setup(dir.path());
    const TEXT: &str = "Het telefoonnummer is afgesloten, ze zitten nu in het wijkcentrum";

    assert!(matches!(
        store.report_service("svc-delta", "   ", &anna, ORIGIN, now()),
        Err(KaartEditError::EmptyText)
    ));
    assert!(matches!(
        store.report_service("svc-delta", &"x".repeat(501), &anna, ORIGIN, now()),
        Err(KaartEditError::TextTooLong(500))
    ));
    assert!(matches!(
        store.report_service("svc-weg", TEXT, &anna, ORIGIN, now()),
        Err(KaartEditError::UnknownService(_))
    ));
    let id = store
        .report_service("svc-delta", &format!("  {TEXT}\n"), &anna, ORIGIN, now())
        .unwrap();

    let reports = store.open_reports(Some("svc-delta")).unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(
        (
            reports[0].id,
            reports[0].service_name.as_str(),
            reports[0].reporter.as_str(),
            reports[0].at,
            reports[0].text.as_str()
        ),
        (id, "Delta", "Anna de Vries", now(), TEXT)
    );
    assert!(store.open_reports(Some("svc-alpha")).unwrap().is_empty());
    // Delta is inactive: only the report puts it on the worklist.
    let delta = |store: &Store| {
        store
            .worklist(12, now())
            .unwrap()
            .into_iter()
            .find(|item| item.service_id == "svc-delta")
    };
    assert_eq!(
        delta(&store).unwrap().reasons,
        [WorkReason::Reported(reports[0].clone())]
    );

    assert!(matches!(
        store.resolve_report(id, "nummer aangepast", &anna, ORIGIN, now()),
        Err(KaartEditError::NotAllowed)
    ));
    store
        .resolve_report(id, "nummer aangepast", &bea, ORIGIN, now())
        .unwrap();
    assert!(matches!(
        store.resolve_report(id, "", &bea, ORIGIN, now()),
        Err(KaartEditError::ReportResolved(_))
    ));
    assert!(matches!(
        store.resolve_report(999, "", &bea, ORIGIN, now()),
        Err(KaartEditError::UnknownReport(999))
    ));
    assert_eq!(delta(&store), None);
    assert!(store.open_reports(None).unwrap().is_empty());

    let audit = audit_text(&store);
    assert!(audit.contains(&format!(
        "kaart melding | dienst:svc-delta | gelukt: melding {id}"
    )));
    assert!(audit.contains("kaart melding afhandelen | dienst:svc-delta"));
    assert!(!audit.contains("afgesloten") && !audit.contains("aangepast"));
}

#[test]
fn the_worklist_gives_reasons_and_puts_the_most_advised_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, anna) = setup(dir.path());
    let direct = RouteSuggestion {
        route: Route::Direct,
        why: "test".into(),
        spoed: false,
    };
    for advice in [
        vec!["svc-gamma", "svc-beta"],
        vec!["svc-gamma"],
        vec!["svc-gamma", "svc-alpha"],
    ] {
        let intake = Intake {
            kanaal: Kanaal::Balie,
            question: "Waar kan ik terecht om mensen te ontmoeten?".into(),
            leefgebieden: vec!["meedoen-ontmoeten".into()],
            advice: advice.into_iter().map(String::from).collect(),
            ..Intake::default()
        };
        store
            .save_intake(&anna, &intake, &direct, None, ORIGIN, now())
            .unwrap();
    }

    let list = store.worklist(12, now()).unwrap();
    let summary: Vec<_> = list
        .iter()
        .map(|item| (item.service_id.as_str(), item.advice_count))
        .collect();
    // Alpha is verified, reachable and open; Delta is inactive; Epsilon is reachable through
    // its location.
    assert_eq!(summary, [("svc-gamma", 3), ("svc-beta", 1)]);
    assert_eq!(
        list[0].reasons,
        [
            WorkReason::NotVerified(date(2024, 10, 1)),
            WorkReason::NoPhone,
            WorkReason::NoHours
        ]
    );
    assert_eq!(list[0].name, "Gamma");
    assert_eq!(
        list[0].organization.as_deref(),
        Some("Buurtwerk Lindendaal")
    );
    assert_eq!(list[1].reasons, [WorkReason::NotVerified(None)]);

    // With a longer term Gamma's verification of two years ago is still good enough.
    let list = store.worklist(36, now()).unwrap();
    assert_eq!(list[0].reasons, [WorkReason::NoPhone, WorkReason::NoHours]);
    // And with a short one Alpha (verified in June) is due too, after the advised ones.
    let list = store.worklist(3, now()).unwrap();
    let ids: Vec<_> = list.iter().map(|i| i.service_id.as_str()).collect();
    assert_eq!(ids, ["svc-gamma", "svc-alpha", "svc-beta", "svc-epsilon"]);
}
