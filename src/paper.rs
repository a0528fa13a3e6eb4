//! Documents for the resident on paper. Issue 18: "The plan on paper: a PDF for the resident in
//! plain Dutch (B1) with the six parts, the arrangement per layer, the afspraken, the
//! evaluation date, who the regisseur is and how to reach them, and lines to sign."

mod layout;
mod plan_text;

pub use plan_text::{Block, plan_blocks, written_date};

use crate::domain::Leefgebieden;
use crate::store::PlanView;

/// Why a document could not be made; the message is Dutch, for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaperError {
    #[error("het ingebouwde lettertype is niet te lezen")]
    Font,
    #[error("de pagina-indeling mislukte")]
    Layout,
    #[error("het PDF-bestand kon niet worden gemaakt: {0}")]
    Pdf(String),
}

/// The plan's latest version as a PDF for the resident.
pub fn plan_pdf(plan: &PlanView, leefgebieden: &Leefgebieden) -> Result<Vec<u8>, PaperError> {
    let title = format!("Plan van aanpak {}", plan.id);
    layout::render(&title, &plan_blocks(plan, leefgebieden))
}
