//! A warm handover outside the municipality from the wachtrij: `e` on a held item opens the
//! bodies of `routing.toml` (name, phone, when), then "Wat is doorgegeven?"; the opened item
//! then shows it and its history names the body.

mod common;

use common::queue_desk::{desk_with_a_case, open_first_of_all};
use crossterm::event::KeyCode;

#[test]
fn a_professional_records_a_warm_handover_to_veilig_thuis() {
    let (_anna, mut bram) = desk_with_a_case();
    bram.key(KeyCode::Char('e'));
    let picker = bram.screen(160, 48);
    for shown in ["Veilig Thuis · 0800-2000", "Huisarts van de inwoner", "113"] {
        assert!(picker.contains(shown), "{shown:?} missing: {picker}");
    }
    bram.snapshot("queue_external_picker");

    // Nothing passed on: refused in the prompt, nothing typed is lost.
    bram.typ("veilig");
    bram.key(KeyCode::Enter);
    let refused = bram.screen(160, 48);
    assert!(
        refused.contains("Schrijf op wat er aan Veilig Thuis is doorgegeven"),
        "{refused}"
    );
    bram.key(KeyCode::Tab);
    bram.typ("Melding gedaan, kinderen in huis; VT belt haar vandaag");
    bram.key(KeyCode::Enter);
    let done = bram.screen(160, 48);
    assert!(
        done.contains("warm overgedragen aan Veilig Thuis"),
        "{done}"
    );

    open_first_of_all(&mut bram);
    for _ in 0..40 {
        bram.key(KeyCode::Down);
    }
    let item = bram.screen(160, 48);
    assert!(
        item.contains("Warm overgedragen buiten de gemeente:")
            && item.contains("Veilig Thuis, ")
            && item.contains("Melding gedaan"),
        "{item}"
    );
    assert!(
        item.contains("warm overgedragen — aan Veilig Thuis"),
        "{item}"
    );
    bram.snapshot("queue_external_history");
}
