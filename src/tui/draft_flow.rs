//! Drafts: the intake being typed is written every few seconds and at a lock, offered again at
//! the next sign-in, and kept until the desk explicitly throws it away (asked twice); Esc on
//! the offer keeps it for later, and F3 offers it again.

use crate::domain::hours::dutch_local;

use super::app::{App, Overlay, Phase, View};
use super::confirm::Answer;
use super::text;

impl App {
    /// Writes the intake being typed as this user's draft, if it changed.
    pub(super) fn write_draft(&mut self) {
        let now = (self.clock)();
        let Phase::Working(session) = &mut self.phase else {
            return;
        };
        // A draft kept for later must not be overwritten by the empty form.
        if !session.intake.dirty || session.intake.draft_waiting {
            return;
        }
        let result = if session.intake.has_input() {
            self.store
                .save_draft(session.user.id, &session.intake.draft(), now)
        } else {
            self.store.discard_draft(session.user.id)
        };
        match result {
            Ok(()) => session.intake.dirty = false,
            Err(e) => tracing::error!("concept bewaren mislukt: {e}"),
        }
    }

    /// At sign-in, and at F3 while a draft was kept for later: offer the user's unfinished
    /// intake, if there is one. Returns whether it was offered.
    pub(super) fn offer_draft(&mut self) -> bool {
        let Some(user) = self.user() else {
            return false;
        };
        let found = match self.store.draft(user.id) {
            Ok(found) => found,
            Err(e) => {
                tracing::error!("concept lezen mislukt: {e}");
                None
            }
        };
        let offered = found.is_some();
        if let Some((at, _)) = found {
            let saved_at = dutch_local(at).format("%d-%m %H:%M").to_string();
            self.overlay = Some(Overlay::ConfirmDraft { saved_at });
        }
        if let Some(session) = self.session_mut() {
            session.intake.draft_waiting = offered;
        }
        offered
    }

    /// The answer to the draft offer: continue it, keep it for later (Esc), or throw it away
    /// after a second question.
    pub(super) fn answer_draft(&mut self, overlay: Overlay, answer: Answer) {
        match (overlay, answer) {
            (Overlay::ConfirmDraft { .. }, Answer::Yes) => self.continue_draft(),
            (Overlay::ConfirmDraft { saved_at }, Answer::No) => {
                self.overlay = Some(Overlay::ConfirmDiscardDraft { saved_at })
            }
            (Overlay::ConfirmDiscardDraft { .. }, Answer::Yes) => {
                self.overlay = None;
                let Some(user) = self.user().cloned() else {
                    return;
                };
                match self.store.discard_draft(user.id) {
                    Ok(()) => {
                        if let Some(session) = self.session_mut() {
                            session.intake.draft_waiting = false;
                        }
                        self.status = Some(text::DRAFT_DISCARDED.to_string());
                    }
                    Err(e) => self.db_failed("concept weggooien", e),
                }
            }
            (Overlay::ConfirmDiscardDraft { saved_at }, _) => {
                self.overlay = Some(Overlay::ConfirmDraft { saved_at })
            }
            _ => {
                self.overlay = None;
                self.status = Some(text::DRAFT_KEPT.to_string());
            }
        }
    }

    fn continue_draft(&mut self) {
        self.overlay = None;
        let Some(user) = self.user().cloned() else {
            return;
        };
        match self.store.draft(user.id) {
            Ok(Some((_, draft))) => {
                self.in_session(|screens, ctx| {
                    screens.intake.restore(draft, ctx);
                    *screens.view = View::Intake;
                });
            }
            Ok(None) => {}
            Err(e) => self.db_failed("concept lezen", e),
        }
    }
}
