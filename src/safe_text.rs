//! Text from outside — imported kaart data, typed or pasted notes, names — made safe before it
//! reaches the terminal or the log.
//!
//! A terminal obeys what it is sent: an escape sequence in a service description could move the
//! cursor, retitle the window, set the clipboard or fake a screen; a bidi override makes
//! "0612345678" read as something else; zero-width characters hide differences between two
//! names that look alike. The screens pass every string that came from the database or the
//! user through [`for_screen`]; the log file passes every line through [`for_log`], so a store
//! error quoting a value with a newline cannot forge a second log line.

use std::borrow::Cow;

/// Shown where an escape sequence was removed, so a reader sees something was there.
const REMOVED: char = '\u{FFFD}';

/// Invisible characters that change how the text around them is shown: bidi overrides,
/// embeddings, isolates and marks, and zero-width characters.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Line and paragraph breaks: the screens draw single lines, so these become a space.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

fn needs_screen_work(c: char) -> bool {
    c.is_control() || is_invisible_format(c) || is_line_break(c)
}

/// `text` as it may be drawn: escape sequences (`ESC [ … final`, `ESC ] … BEL/ST`, and the
/// shorter ones) become one visible `�`; line breaks and tabs become a space; other control
/// characters (C0, DEL, C1), bidi controls and zero-width characters are removed. Borrowed when
/// there is nothing to do, which is nearly always, so drawing stays cheap.
pub fn for_screen(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_screen_work) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1B}' => {
                skip_escape(&mut chars);
                out.push(REMOVED);
            }
            // The 8-bit forms of CSI and OSC/DCS/SOS/PM/APC, which some terminals still obey.
            '\u{9B}' => {
                skip_csi(&mut chars);
                out.push(REMOVED);
            }
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                skip_string(&mut chars);
                out.push(REMOVED);
            }
            '\t' => out.push(' '),
            c if is_line_break(c) => out.push(' '),
            c if c.is_control() || is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` without its escape sequences, removed whole (not only the ESC byte, which would leave
/// `[31m` behind), and nothing else changed: for data that is stored, such as an imported kaart.
pub fn without_escapes(text: &str) -> Cow<'_, str> {
    let introducer = |c: char| {
        matches!(
            c,
            '\u{1B}' | '\u{9B}' | '\u{90}' | '\u{98}' | '\u{9D}'..='\u{9F}'
        )
    };
    if !text.chars().any(introducer) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1B}' => skip_escape(&mut chars),
            '\u{9B}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`for_screen`] for a `String` one already owns: no copy when it is clean.
pub fn into_screen(text: String) -> String {
    match for_screen(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

/// Whether `text` holds anything that is not plain visible text: control characters (also
/// tabs and line breaks), bidi controls or zero-width characters. Names of accounts, teams and
/// locations with such characters are refused: they could hide or fake what a list shows.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars().any(needs_screen_work)
}

/// Typed or pasted text as it is stored: escape sequences removed whole, bidi controls,
/// zero-width and control characters removed; line breaks are kept (a note may have several
/// lines), a carriage return is dropped and a tab becomes a space. What the screens already
/// hide must not reach a privacy export or another program either.
pub fn typed(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || !(c.is_control() || is_invisible_format(c));
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        without_escapes(text)
            .chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if keep(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// JSON text made safe to print: characters a terminal would obey or that hide text (C1
/// controls, DEL, bidi, zero-width, line separators) written as `\uXXXX` escapes. They can
/// only stand inside strings (serde already escapes C0), so the JSON stays valid and means the
/// same to a program.
pub fn json_for_screen(json: &str) -> Cow<'_, str> {
    if !json.chars().any(needs_screen_work) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_screen_work(c) && !matches!(c, '\n' | '\t' | '\r') {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC the way a terminal would read it.
fn skip_escape(chars: &mut Chars) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // ESC, intermediate bytes, one final byte (`ESC 7`, `ESC ( B`, `ESC c`).
        _ => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2F}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
    }
}

/// Parameter and intermediate bytes, then the final byte; stops early at anything else.
fn skip_csi(chars: &mut Chars) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3F}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7E}').contains(c));
}

/// A control string up to BEL or ST (`ESC \` or U+009C); unterminated, it runs to the end, as
/// the terminal would have swallowed it.
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{07}' | '\u{9C}' => return,
            '\u{1B}' => {
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {}
        }
    }
}

/// `text` as one log line: newlines and carriage returns written as `\n` and `\r`, other
/// control, bidi and zero-width characters as `\u{…}`, so the log stays one event per line and
/// shows what was there.
pub fn for_log(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c) || is_line_break(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() || is_invisible_format(c) || is_line_break(c) => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_loses_whole_escape_sequences_and_keeps_the_rest() {
        assert_eq!(
            without_escapes("Buurt\u{1b}[31mhuis\nNoord"),
            "Buurthuis\nNoord"
        );
        assert_eq!(without_escapes("a\u{1b}]0;titel\u{7}b\u{9b}1mc"), "abc");
        assert!(matches!(without_escapes("gewoon"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_text_is_borrowed() {
        for text in [
            "",
            "Voedselbank Lindendaal",
            "café – ‘t Hoekje · 06-12345678 ✓",
        ] {
            assert!(matches!(for_screen(text), Cow::Borrowed(t) if t == text));
            assert!(matches!(for_log(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn c0_controls_and_del_are_removed() {
        assert_eq!(for_screen("a\u{0}b\u{7}c\u{8}d\u{7F}e\rf"), "abcdef");
    }

    #[test]
    fn newlines_and_tabs_become_spaces() {
        assert_eq!(for_screen("een\ntwee\tdrie"), "een twee drie");
        assert_eq!(
            for_screen("een\u{2028}twee\u{2029}drie\u{85}vier"),
            "een twee drie vier"
        );
    }

    #[test]
    fn c1_controls_are_removed() {
        assert_eq!(for_screen("a\u{80}b\u{8D}c\u{9C}d"), "abcd");
    }

    #[test]
    fn escape_sequences_become_one_mark() {
        assert_eq!(for_screen("\u{1B}[31mrood\u{1B}[0m"), "�rood�");
        assert_eq!(for_screen("a\u{1B}[2J\u{1B}[1;1Hb"), "a��b");
        assert_eq!(for_screen("\u{1B}]0;titel\u{7}tekst"), "�tekst");
        assert_eq!(for_screen("\u{1B}]52;c;ZXZpbA==\u{1B}\\tekst"), "�tekst");
        assert_eq!(
            for_screen("\u{1B}]8;;https://kwaad.example\u{1B}\\klik\u{1B}]8;;\u{1B}\\"),
            "�klik�"
        );
        assert_eq!(for_screen("\u{1B}Pq#0;2;0;0;0\u{1B}\\x"), "�x");
        assert_eq!(for_screen("a\u{1B}7b\u{1B}(Bc\u{1B}"), "a�b�c�");
        assert_eq!(for_screen("\u{9B}31mrood"), "�rood");
        assert_eq!(for_screen("\u{9D}0;titel\u{9C}x"), "�x");
        assert_eq!(for_screen("abc\u{1B}[201~\u{1B}[200~x"), "abc��x");
    }

    #[test]
    fn unterminated_sequences_end_cleanly() {
        assert_eq!(for_screen("tekst\u{1B}]0;titel zonder einde"), "tekst�");
        assert_eq!(for_screen("tekst\u{1B}[12"), "tekst�");
        assert_eq!(for_screen("tekst\u{1B}[12é"), "tekst�é");
    }

    #[test]
    fn bidi_controls_are_removed() {
        assert_eq!(
            for_screen("06\u{202E}87654321\u{202C} bel"),
            "0687654321 bel"
        );
        for c in [
            '\u{202A}', '\u{202B}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}',
        ] {
            assert_eq!(for_screen(&format!("a{c}b\u{2069}")), "ab");
        }
        assert_eq!(for_screen("a\u{200E}b\u{200F}c\u{61C}"), "abc");
    }

    #[test]
    fn zero_width_characters_are_removed() {
        assert_eq!(
            for_screen("\u{FEFF}Voed\u{200B}sel\u{200C}bank\u{200D}\u{2060}"),
            "Voedselbank"
        );
    }

    #[test]
    fn owned_strings_are_kept_when_clean() {
        let clean = String::from("Buurthuis De Brug");
        let pointer = clean.as_ptr();
        let kept = into_screen(clean);
        assert_eq!(kept.as_ptr(), pointer);
        assert_eq!(into_screen("a\u{1B}[1mb".into()), "a�b");
    }

    #[test]
    fn typed_text_keeps_lines_and_loses_what_hides_or_controls() {
        assert_eq!(typed("Inj\u{202E}Naam\u{200B}X"), "InjNaamX");
        assert_eq!(typed("regel 1\r\nregel\t2"), "regel 1\nregel 2");
        assert_eq!(typed("a\u{1B}]0;titel\u{7}b\u{9B}31mc\u{85}"), "abc");
        assert!(matches!(typed("gewoon\nwerk"), Cow::Borrowed(_)));
    }

    #[test]
    fn hidden_characters_are_found() {
        for text in [
            "B\u{200B}alie",
            "a\tb",
            "x\u{1B}[31m",
            "\u{202E}y",
            "z\u{9B}",
        ] {
            assert!(has_hidden_characters(text), "{text:?}");
        }
        assert!(!has_hidden_characters("Anna de Vries (Loket) · Zoë"));
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_what_a_terminal_obeys() {
        let value = serde_json::json!({"naam": "a\u{1B}]0;X\u{7}\u{9B}31m\u{202E}b\u{200B}"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_for_screen(&text);
        assert!(!safe.chars().any(needs_screen_work_outside_layout));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    fn needs_screen_work_outside_layout(c: char) -> bool {
        needs_screen_work(c) && c != '\n'
    }

    #[test]
    fn log_lines_cannot_be_split() {
        let forged = "database op /tmp/x\nERROR loket: inbraak\r\n";
        let logged = for_log(forged);
        assert!(!logged.contains(['\n', '\r']));
        assert_eq!(logged, "database op /tmp/x\\nERROR loket: inbraak\\r\\n");
        assert_eq!(
            for_log("a\u{1B}[2Jb\u{202E}c\u{2028}"),
            "a\\u{001b}[2Jb\\u{202e}c\\u{2028}"
        );
    }
}
