//! Blocks of text on A4 pages with krilla, in DejaVu Sans embedded from `assets/fonts` (its
//! licence is next to it). Lines are broken at spaces by the font's own advance widths
//! (skrifa), so the paper never cuts a word; a block that does not fit starts a new page.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::PaperError;
use super::plan_text::Block;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points, with margins of 2 cm.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 57.0;
const INDENT: f32 = 14.0;

/// One face: for drawing (krilla) and for measuring (skrifa).
struct Face {
    font: Font,
    data: &'static [u8],
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, PaperError> {
        let font = Font::new(data.into(), 0).ok_or(PaperError::Font)?;
        FontRef::new(data).map_err(|_| PaperError::Font)?;
        Ok(Face { font, data })
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let font = FontRef::new(self.data).expect("checked in Face::new");
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        let charmap = font.charmap();
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(size / 2.0)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width`.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width(&candidate, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// A line placed on its page.
struct Placed {
    bold: bool,
    size: f32,
    indent: f32,
    y: f32,
    text: String,
    /// A bullet before a list item's first line, a line to sign after a signature's label.
    marked: bool,
}

/// How a block is set: face, size, indent, space before it.
fn style(block: &Block) -> (bool, f32, f32, f32) {
    match block {
        Block::Title(_) => (true, 20.0, 0.0, 0.0),
        Block::Heading(_) => (true, 13.0, 0.0, 14.0),
        Block::Subheading(_) => (true, 11.0, 0.0, 6.0),
        Block::Text(_) => (false, 11.0, 0.0, 4.0),
        Block::Item(_) => (false, 11.0, INDENT, 3.0),
        Block::Emphasis(_) => (true, 11.0, 0.0, 4.0),
        Block::Signature(_) => (false, 11.0, 0.0, 26.0),
    }
}

fn text_of(block: &Block) -> &str {
    match block {
        Block::Title(t)
        | Block::Heading(t)
        | Block::Subheading(t)
        | Block::Text(t)
        | Block::Item(t)
        | Block::Emphasis(t)
        | Block::Signature(t) => t,
    }
}

/// The blocks as a PDF titled `title`, with "Pagina N" under each page.
pub fn render(title: &str, blocks: &[Block]) -> Result<Vec<u8>, PaperError> {
    let regular = Face::new(REGULAR)?;
    let bold = Face::new(BOLD)?;
    // Lay everything out first, so each page knows its lines before it is drawn.
    let mut pages: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = MARGIN;
    for block in blocks {
        let (is_bold, size, indent, before) = style(block);
        let face = if is_bold { &bold } else { &regular };
        let bullet = matches!(block, Block::Item(_));
        let lines = face.wrap(text_of(block), size, WIDTH - 2.0 * MARGIN - indent);
        let leading = size * 1.35;
        let height = before + leading * lines.len() as f32;
        let keep_with_next = matches!(block, Block::Heading(_) | Block::Subheading(_));
        let reserve = if keep_with_next { 3.0 * leading } else { 0.0 };
        if y + height + reserve > HEIGHT - MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        }
        y += before;
        for (i, line) in lines.into_iter().enumerate() {
            y += leading;
            let signature = matches!(block, Block::Signature(_));
            let page = pages.last_mut().expect("there is always a page");
            page.push(Placed {
                bold: is_bold,
                size,
                indent,
                y,
                text: line,
                marked: bullet && i == 0 || signature,
            });
        }
    }
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language("nl".to_string()),
    );
    let count = pages.len();
    for (number, lines) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or(PaperError::Layout)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for line in lines {
            let face = if line.bold { &bold } else { &regular };
            let (size, y) = (line.size, line.y);
            draw(
                &mut surface,
                face,
                size,
                MARGIN + line.indent,
                y,
                &line.text,
            );
            if line.marked && line.indent > 0.0 {
                draw(&mut surface, &regular, size, MARGIN + 2.0, y, "•");
            } else if line.marked {
                let from = MARGIN + regular.width(&line.text, size) + 8.0;
                rule(&mut surface, from, WIDTH - MARGIN, y);
            }
        }
        let footer = format!("Pagina {} van {count}", number + 1);
        draw(
            &mut surface,
            &regular,
            9.0,
            MARGIN,
            HEIGHT - MARGIN / 2.0,
            &footer,
        );
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PaperError::Pdf(format!("{e:?}")))
}

fn draw(surface: &mut Surface, face: &Face, size: f32, x: f32, y: f32, text: &str) {
    surface.draw_text(
        Point::from_xy(x, y),
        face.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// A line to sign on.
fn rule(surface: &mut Surface, from: f32, to: f32, y: f32) {
    let mut path = PathBuilder::new();
    path.move_to(from, y + 2.0);
    path.line_to(to, y + 2.0);
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke::default()));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}
