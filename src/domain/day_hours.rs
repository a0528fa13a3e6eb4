//! Opening hours of one weekday as a beheerder types them: "09:00-12:00, 13:00-17:00", or
//! empty for closed. Parsed into blocks and written back the same way.

use chrono::NaiveTime;

/// One opening block: from `opens` to `closes` on the same day.
pub type Block = (NaiveTime, NaiveTime);

/// Reads "09:00-12:00, 13:00-17:00" (also "9-12", "9.00 - 12.30", ";" between blocks); empty
/// or "gesloten" is closed. The message says what is wrong, in Dutch.
pub fn parse_day_blocks(text: &str) -> Result<Vec<Block>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("gesloten") {
        return Ok(Vec::new());
    }
    let mut blocks: Vec<Block> = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (from, to) = part
            .split_once(['-', '–'])
            .ok_or_else(|| format!("\"{part}\": schrijf van-tot, bijvoorbeeld 09:00-12:00"))?;
        let opens = parse_time(from)?;
        let closes = parse_time(to)?;
        if closes <= opens {
            return Err(format!(
                "\"{part}\": de sluitingstijd ligt niet na de openingstijd"
            ));
        }
        if blocks.iter().any(|(o, c)| opens < *c && *o < closes) {
            return Err(format!("\"{part}\" overlapt met een ander blok"));
        }
        blocks.push((opens, closes));
    }
    blocks.sort();
    Ok(blocks)
}

/// "09:00-12:00, 13:00-17:00"; empty for closed.
pub fn format_day_blocks(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|(o, c)| format!("{}-{}", o.format("%H:%M"), c.format("%H:%M")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let text = text.trim().replace('.', ":");
    let parsed = if text.contains(':') {
        NaiveTime::parse_from_str(&text, "%H:%M").ok()
    } else {
        text.parse::<u32>()
            .ok()
            .and_then(|hour| NaiveTime::from_hms_opt(hour, 0, 0))
    };
    parsed.ok_or_else(|| format!("\"{text}\" is geen tijd; schrijf uu:mm, bijvoorbeeld 09:30"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn typed_hours_are_read_in_every_usual_way() {
        assert_eq!(
            parse_day_blocks("13:00-17:00, 09:00-12:00"),
            Ok(vec![(t(9, 0), t(12, 0)), (t(13, 0), t(17, 0))])
        );
        assert_eq!(
            parse_day_blocks("9-12; 13.30 – 17"),
            Ok(vec![(t(9, 0), t(12, 0)), (t(13, 30), t(17, 0))])
        );
        assert_eq!(parse_day_blocks("  "), Ok(vec![]));
        assert_eq!(parse_day_blocks("Gesloten"), Ok(vec![]));
    }

    #[test]
    fn mistakes_are_named() {
        assert!(
            parse_day_blocks("17:00-09:00")
                .unwrap_err()
                .contains("sluitingstijd")
        );
        assert!(parse_day_blocks("09:00").unwrap_err().contains("van-tot"));
        assert!(
            parse_day_blocks("25:00-26:00")
                .unwrap_err()
                .contains("geen tijd")
        );
        assert!(
            parse_day_blocks("09-12, 11-13")
                .unwrap_err()
                .contains("overlapt")
        );
    }

    #[test]
    fn written_back_as_typed() {
        let blocks = parse_day_blocks("9-12, 13:30-17").unwrap();
        assert_eq!(format_day_blocks(&blocks), "09:00-12:00, 13:30-17:00");
        assert_eq!(parse_day_blocks(&format_day_blocks(&blocks)), Ok(blocks));
    }
}
