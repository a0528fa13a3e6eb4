//! Plan set-ups shared by the screen tests of the plan van aanpak: Bram directs Joost
//! Janssen's household, which has a gesprek and a plan about schulden.

use loket::domain::account::User;
use loket::domain::plan::{Answer, Gesprek, HowAgreed, Place, PlanContent, PlanResult};

use super::plan::{content, day};
use super::{Desk, monday_morning};

/// The plan of Joost Janssen's question about schulden, dated around the test's Monday.
pub fn schulden_plan() -> PlanContent {
    let mut plan = content("unused");
    plan.results = vec![PlanResult {
        leefgebied: "geldzaken-schulden".into(),
        words: "Ik heb overzicht over mijn rekeningen".into(),
        score: Some(loket::domain::plan::Zelfredzaamheid::BeperktZelfredzaam),
    }];
    plan
}

fn gesprek() -> Gesprek {
    Gesprek {
        held_on: day(11, 20),
        place: Place::Thuis,
        participants: vec![],
        brought_along: "zus Els".into(),
        consulted: vec![],
        note: "Wil eerst de post op orde.".into(),
    }
}

/// Bram directs Joost's household, which has a gesprek and a plan; returns Bram, the
/// household and the plan.
pub fn with_a_plan(bram: &mut Desk) -> (User, i64, i64) {
    with_a_plan_of(bram, &schulden_plan())
}

/// As `with_a_plan`, with the plan `content`.
pub fn with_a_plan_of(bram: &mut Desk, content: &PlanContent) -> (User, i64, i64) {
    let user = bram.app.user().unwrap().clone();
    let household = bram
        .app
        .queue_screen()
        .unwrap()
        .selected_item()
        .and_then(|i| i.household_id)
        .unwrap();
    let store = &mut bram.app.store;
    store
        .record_gesprek(household, &gesprek(), &user, "test", monday_morning())
        .unwrap();
    let plan = store
        .create_plan(household, content, &user, "test", monday_morning())
        .unwrap();
    (user, household, plan)
}

/// As `with_a_plan`, and both agreed to it on 23-11 (which makes the Traplift's beschikking
/// task); returns the plan.
pub fn with_an_agreed_plan(bram: &mut Desk, how: HowAgreed) -> i64 {
    with_an_agreed_plan_of(bram, how, &schulden_plan())
}

/// As `with_an_agreed_plan`, with the plan `content`.
pub fn with_an_agreed_plan_of(bram: &mut Desk, how: HowAgreed, content: &PlanContent) -> i64 {
    let (user, _, plan) = with_a_plan_of(bram, content);
    let akkoord = Answer::Akkoord {
        on: day(11, 23),
        how,
    };
    bram.app
        .store
        .answer_plan(plan, &akkoord, &user, "test", monday_morning())
        .unwrap();
    plan
}
