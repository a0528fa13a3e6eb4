//! Regie handed on and escalated, on real database files (seed 002): with a reason, accepted
//! by the new regisseur, the former one reading along for 14 days only when allowed; opschaling
//! to the Expertiseteam is the regisseur's act.

mod common;

use chrono::Duration;
use common::db::open;
use common::regie::{meervoudig_eenvoudig, noor, now, people, question};
use loket::domain::account::User;
use loket::domain::intake::Route;
use loket::domain::policy::{Grant, Refusal};
use loket::domain::queue::{QueueAction, Target};
use loket::domain::regie::{Escalation, RegieRefusal};
use loket::store::{RegieError, Store};

/// Seed 002: "Tenzij blijkt dat het probleem om een andere expertise vraagt, of als er geen
/// klik is … gaat de regisseur samen met het gezin op zoek naar een passende regisseur."
#[test]
fn regie_is_handed_on_with_a_reason_and_accepted_and_the_former_reads_for_14_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let (_, _, household) = meervoudig_eenvoudig(&mut store, &p.kim);
    let household = household.unwrap();
    // A question handled at the desk: only the regie (or reading along) opens it.
    let (direct, _, _) = question(
        &mut store,
        &p.kim,
        Route::Direct,
        &["wonen"],
        Some(household),
        "",
    );
    store
        .become_regisseur(household, &p.sanne, "test", now())
        .unwrap();
    let grant = |store: &Store, who: &User, when| store.case_grant(direct, who, when).unwrap();
    assert_eq!(grant(&store, &p.sanne, now()), Some(Ok(Grant::Regisseur)));

    let st = Target::SociaalTeam("De Weide".into());
    let t = "test";
    let nobody = store.hand_on_regie(household, "Ilse", &st, " ", &p.sanne, t, now());
    assert!(matches!(
        nobody,
        Err(RegieError::Refused(RegieRefusal::NoReason))
    ));
    let not_mine = store.hand_on_regie(household, "Ilse", &st, "geen klik", &p.gijs, t, now());
    assert!(matches!(
        not_mine,
        Err(RegieError::Refused(RegieRefusal::NotRegisseur))
    ));
    let to_kcc = store.hand_on_regie(household, "Dirk", &st, "geen klik", &p.sanne, t, now());
    assert!(matches!(
        to_kcc,
        Err(RegieError::Refused(RegieRefusal::OtherTeam { .. }))
    ));

    // Declined: nothing moves.
    let offer = store
        .hand_on_regie(
            household,
            "Ilse",
            &st,
            "andere expertise",
            &p.sanne,
            t,
            now(),
        )
        .unwrap();
    assert!(store.regie_offers(&p.gijs).unwrap().is_empty());
    store
        .answer_regie_offer(offer, false, false, &p.ilse, t, now())
        .unwrap();
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regisseur,
        Some(p.sanne.id)
    );

    // Accepted, and the former regisseur may read along for 14 days.
    let offer = store
        .hand_on_regie(
            household,
            "Ilse",
            &st,
            "andere expertise",
            &p.sanne,
            t,
            now(),
        )
        .unwrap();
    let offers = store.regie_offers(&p.ilse).unwrap();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].from, "Sanne");
    assert_eq!(offers[0].reason, "andere expertise");
    assert!(matches!(
        store.answer_regie_offer(offer, true, true, &p.gijs, t, now()),
        Err(RegieError::NoOffer)
    ));
    store
        .answer_regie_offer(offer, true, true, &p.ilse, t, now())
        .unwrap();
    let case = store.open_case(household).unwrap().unwrap();
    assert_eq!(case.regisseur, Some(p.ilse.id));
    assert_eq!(case.regie_team, Some(st.clone()));
    assert_eq!(grant(&store, &p.ilse, now()), Some(Ok(Grant::Regisseur)));
    let day = |days: i64| now() + Duration::days(days);
    assert_eq!(grant(&store, &p.sanne, day(13)), Some(Ok(Grant::Shared)));
    assert_eq!(
        grant(&store, &p.sanne, day(15)),
        Some(Err(Refusal::NotInvolved))
    );

    // Handed on again without reading along: the former one reads nothing.
    let offer = store
        .hand_on_regie(
            household,
            "Sanne",
            &Target::Loket("wonen".into()),
            "geen klik",
            &p.ilse,
            t,
            now(),
        )
        .unwrap();
    store
        .answer_regie_offer(offer, true, false, &p.sanne, t, now())
        .unwrap();
    assert_eq!(
        grant(&store, &p.ilse, now()),
        Some(Err(Refusal::NotInvolved))
    );
    let audit = store.audit_rows().unwrap();
    let answers: Vec<&str> = audit
        .iter()
        .filter(|r| r[2] == "regie aanvaarden")
        .map(|r| r[4].as_str())
        .collect();
    assert_eq!(
        answers,
        [
            "gelukt: geweigerd",
            "geweigerd: geen openstaande overdracht",
            "gelukt: aanvaard, oud-regisseur leest mee",
            "gelukt: aanvaard"
        ]
    );
    assert!(
        audit
            .iter()
            .all(|r| !r.iter().any(|f| f.contains("expertise"))),
        "the reason typed stays out of the audit log"
    );
}

/// Seed 002: "Wanneer er sprake is van zo'n situatie, dan schaalt de regisseur op naar het
/// expertiseteam." The regisseur stays; nobody else escalates.
#[test]
fn opschaling_is_the_regisseurs_act_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let p = people(&mut store);
    let noor = noor(&mut store);
    let route = Route::SociaalTeam {
        wijk: "De Weide".into(),
    };
    let (_, _, household) = question(
        &mut store,
        &p.kim,
        route,
        &["wonen", "geldzaken-schulden", "veiligheid"],
        None,
        "",
    );
    let household = household.unwrap();
    store
        .become_regisseur(household, &p.ilse, "test", now())
        .unwrap();
    let why = |reason: &str| Escalation {
        reason: reason.into(),
    };
    let t = "test";
    assert!(matches!(
        store.escalate(household, &why("veel geprobeerd"), &p.sanne, t, now()),
        Err(RegieError::Refused(RegieRefusal::NotRegisseur))
    ));
    assert!(matches!(
        store.escalate(household, &why(""), &p.ilse, t, now()),
        Err(RegieError::Refused(RegieRefusal::NoReason))
    ));
    let item = store
        .escalate(
            household,
            &why("veel geprobeerd, huisuitzetting dreigt"),
            &p.ilse,
            t,
            now(),
        )
        .unwrap();
    let escalated = store.queue_item(item, now()).unwrap().unwrap();
    assert_eq!(escalated.target, Target::Expertiseteam);
    assert_eq!(escalated.assigned_to, None);
    store
        .queue_act(item, &noor, &QueueAction::Claim, t, now())
        .unwrap();
    assert_eq!(
        store.open_case(household).unwrap().unwrap().regisseur,
        Some(p.ilse.id),
        "the regisseur stays"
    );
}
