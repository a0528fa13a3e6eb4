//! Danger words in a resident's question, read in context (D3). A word of violence counts only
//! with a person near it ("hij slaat me", "slaat haar"), not in "de verwarming slaat af" or "de
//! deurwaarder bedreigt mij met beslag"; a few phrases count on their own ("wil niet meer
//! leven"). Typing errors are forgiven as the kaart search forgives them ("slaad", "slaatme").
//! Acute danger is Loket's own rule, not the seeds' (seed-gaps §2, "Acute danger"), so a false
//! alarm must cost the desk one answer, not the resident a wrong route.

use crate::text::{allowed_typos, folded_words, stem};

/// Words of violence: danger when a person stands within [`WINDOW`] words of them.
const VIOLENCE: &[&str] = &[
    "slaat",
    "sloeg",
    "sloegen",
    "slaan",
    "geslagen",
    "schopt",
    "schopte",
    "geschopt",
    "schoppen",
    "mishandelt",
    "mishandeld",
    "mishandelde",
    "mishandelen",
    "mishandeling",
    "wurgt",
    "wurgde",
    "gewurgd",
    "stompt",
    "stompte",
    "gestompt",
    "bedreigt",
    "bedreigd",
    "bedreigde",
    "bedreigen",
    "bedreiging",
    "vermoordt",
    "vermoorden",
    "vermoord",
    "stalkt",
    "gestalkt",
    "misbruikt",
    "misbruik",
    "verkracht",
    "geweld",
    "gewelddadig",
    "opgesloten",
];

/// Phrases that mean danger on their own, word for word.
const PHRASES: &[&[&str]] = &[
    &["niet", "meer", "leven"],
    &["leven", "niet", "meer", "zitten"],
    &["wil", "dood"],
    &["eind", "aan", "maken"],
    &["einde", "aan", "maken"],
    &["mezelf", "iets", "aandoen"],
    &["zichzelf", "iets", "aandoen"],
    &["van", "kant", "maken"],
    &["zelfmoord"],
    &["suicide"],
    &["suicidaal"],
    &["huiselijk", "geweld"],
    &["kindermishandeling"],
    &["verkrachting"],
    &["incest"],
    &["onveilig", "thuis"],
    &["niet", "veilig", "thuis"],
];

/// People a word of violence can be about.
const PERSONS: &[&str] = &[
    "ik",
    "me",
    "mij",
    "wij",
    "we",
    "ons",
    "hij",
    "hem",
    "zij",
    "ze",
    "haar",
    "hen",
    "jij",
    "je",
    "jou",
    "man",
    "vrouw",
    "partner",
    "vriend",
    "vriendin",
    "ex",
    "kind",
    "kinderen",
    "zoon",
    "dochter",
    "moeder",
    "vader",
    "mama",
    "papa",
    "broer",
    "zus",
    "oma",
    "opa",
    "baby",
    "buurman",
    "buurvrouw",
    "stiefvader",
    "schoonmoeder",
];

/// Pronouns a hurried typist glues to the verb ("slaatme").
const GLUED: &[&str] = &["me", "mij", "haar", "hem", "ons", "jou"];

/// Words that end a separable verb or an idiom: "slaat af", "slaat alarm", "slaat over".
const PARTICLES: &[&str] = &[
    "af", "aan", "alarm", "over", "mis", "nergens", "hol", "twaalf",
];

/// What one threatens with in a letter, not with a fist: "bedreigt mij met beslag".
const LEGAL_THREATS: &[&str] = &[
    "beslag",
    "beslaglegging",
    "loonbeslag",
    "ontruiming",
    "uitzetting",
    "huisuitzetting",
    "afsluiting",
    "boete",
    "boetes",
    "incasso",
    "deurwaarder",
    "rechter",
    "rechtszaak",
    "ontslag",
    "aanmaning",
    "dwangbevel",
    "korting",
    "stopzetting",
    "advocaat",
    "schorsing",
    "royement",
];

/// Real words one typo away from a word of violence, which are never read as that typo.
const NOT_A_TYPO: &[&str] = &[
    "staat",
    "slaap",
    "slaapt",
    "slaag",
    "slaagt",
    "geslaagd",
    "slapen",
    "schept",
    "bedriegt",
    "bedriegen",
    "bedrogen",
    "misbruikte",
    "mishandelaar",
];

/// How far (in words) a person may stand from a word of violence.
const WINDOW: usize = 3;

/// Whether the folded word `word` is `pattern` (a folded word of the tables above), its stem,
/// or a typo of it as the kaart search allows one: same first letter, not another real word.
fn is(word: &str, pattern: &str) -> bool {
    if word == pattern {
        return true;
    }
    if word.len() >= 4 && stem(word) == stem(pattern) {
        return true;
    }
    let typos = allowed_typos(pattern.chars().count());
    typos > 0
        && word.chars().next() == pattern.chars().next()
        && !NOT_A_TYPO.contains(&word)
        && strsim::osa_distance(word, pattern) <= typos
}

fn any_of(word: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|p| is(word, p))
}

/// The folded words of `text`, with glued pronouns split off a word of violence.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in folded_words(text) {
        let glued = GLUED.iter().find_map(|tail| {
            let head = word.strip_suffix(tail)?;
            (head.len() >= 4 && any_of(head, VIOLENCE)).then(|| (head.to_string(), tail))
        });
        match glued {
            Some((head, tail)) if !any_of(&word, VIOLENCE) => {
                out.push(head);
                out.push(tail.to_string());
            }
            _ => out.push(word),
        }
    }
    out
}

/// Whether the word of violence at `at` is about a person and not an idiom or a letter.
fn violence_in_context(words: &[String], at: usize) -> Option<String> {
    let next = words.get(at + 1).map(String::as_str);
    if next.is_some_and(|w| PARTICLES.contains(&w)) {
        return None;
    }
    let after = &words[at + 1..words.len().min(at + 1 + WINDOW + 1)];
    let legal = after
        .windows(2)
        .any(|pair| pair[0] == "met" && LEGAL_THREATS.contains(&pair[1].as_str()))
        || after
            .windows(3)
            .any(|w| w[0] == "met" && LEGAL_THREATS.contains(&w[2].as_str()));
    if legal {
        return None;
    }
    let start = at.saturating_sub(WINDOW);
    let end = words.len().min(at + WINDOW + 1);
    let person = (start..end)
        .filter(|&i| i != at && PERSONS.contains(&words[i].as_str()))
        // The nearest person; of two as near, the one after (the victim of "hij slaat me").
        .min_by_key(|&i| (i.abs_diff(at), i < at))?;
    let (first, last) = (person.min(at), person.max(at));
    Some(words[first..=last].join(" "))
}

/// The danger found in `text` (an intake's question), each piece of evidence once, in the
/// order found: "mijn man slaat me" gives `slaat me`. Empty when nothing points at danger.
pub fn danger_words(text: &str) -> Vec<String> {
    let words = words(text);
    let mut found: Vec<String> = Vec::new();
    let mut push = |evidence: String| {
        if !found.contains(&evidence) {
            found.push(evidence);
        }
    };
    for at in 0..words.len() {
        for phrase in PHRASES {
            let end = at + phrase.len();
            let matched =
                end <= words.len() && phrase.iter().zip(&words[at..end]).all(|(p, w)| is(w, p));
            // "niet meer leven van mijn uitkering" is about money.
            let living_off =
                phrase.ends_with(&["leven"]) && words.get(end).is_some_and(|w| w == "van");
            if matched && !living_off {
                push(words[at..end].join(" "));
            }
        }
        if any_of(&words[at], VIOLENCE)
            && let Some(evidence) = violence_in_context(&words, at)
        {
            push(evidence);
        }
    }
    found
}

/// The danger in `text` with the acute words of the municipality's vocabulary added (those
/// `Vocabulary::danger_words` found): a word or phrase with a word of violence in it is left to
/// the context rules above; the rest ("bang voor partner", "stalking") counts as it stands.
pub fn danger_with_vocabulary(text: &str, vocabulary_found: &[String]) -> Vec<String> {
    let mut found = danger_words(text);
    for word in vocabulary_found {
        let violent = folded_words(word).iter().any(|w| any_of(w, VIOLENCE));
        if !violent && !found.contains(word) {
            found.push(word.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences as residents say them at the desk or on the phone.
    const DANGER: &[&str] = &[
        "hij slaat me",
        "Mijn man slaat me als hij gedronken heeft",
        "mijn vriend slaat haar, ik hoor het door de muur",
        "ik wil niet meer leven",
        "Hij wil niet meer leven sinds zijn vrouw weg is",
        "hij slaad me",
        "hij slaatme elke avond",
        "mijn ex bedreigt mij",
        "ik word bedreigd door mijn buurman",
        "mijn vader sloeg ons vroeger en nu weer",
        "de kinderen worden geslagen",
        "zij is gisteren geschopt door haar vriend",
        "ik ben mishandeld",
        "hij heeft gedreigd me te vermoorden",
        "mijn ex stalkt mij al weken",
        "ik denk aan zelfmoord",
        "ik denk aan zelfmoort",
        "ik zie het leven niet meer zitten",
        "er is huiselijk geweld bij de buren",
        "ik voel me niet veilig thuis",
        "hij bedreigt me met een mes",
        "Mijn moeder wordt mishandeld door mijn broer",
        "hij wurgt haar als ze ruzie hebben",
        "ik wil er een eind aan maken",
        "mijn partner gebruikt geweld tegen mij",
    ];

    /// Sentences with the same words that are no danger at all.
    const SAFE: &[&str] = &[
        "de verwarming slaat af",
        "De deurwaarder bedreigt mij met beslag op mijn loon",
        "de verhuurder bedreigt ons met ontruiming",
        "ik word bedreigd met een boete van de gemeente",
        "hij staat me niet toe om te werken",
        "ik slaap slecht door de schulden",
        "mijn zoon is geslaagd voor zijn examen",
        "mijn hart slaat over als de post komt",
        "het slaat nergens op, die brief",
        "de motor van mijn scootmobiel slaat aan en dan weer af",
        "ik kan niet meer leven van mijn uitkering",
        "een film met veel geweld",
        "mijn moeder is dood, ik moet de begrafenis regelen",
        "hij bedriegt me met een ander",
        "de klok slaat twaalf",
        "ik heb schulden en de post stapelt zich op",
        "ik zoek hulp bij mijn administratie",
        "mijn man heeft een beroerte gehad en ik zorg voor hem",
        "de bank dreigt met afsluiting",
        "kan ik bijzondere bijstand aanvragen voor een wasmachine",
        "ik wil graag een taalcafé in de buurt",
        "mijn dochter heeft een slaapprobleem",
        "mijn kind wordt gepest op school",
    ];

    #[test]
    fn danger_in_context_is_found() {
        for sentence in DANGER {
            assert!(!danger_words(sentence).is_empty(), "not found: {sentence}");
        }
    }

    #[test]
    fn the_same_words_without_danger_are_not() {
        for sentence in SAFE {
            assert!(
                danger_words(sentence).is_empty(),
                "{sentence}: {:?}",
                danger_words(sentence)
            );
        }
    }

    #[test]
    fn the_vocabularys_acute_words_count_unless_the_context_rules_judge_them() {
        let found = |text: &str, vocabulary: &[&str]| {
            let vocabulary: Vec<String> = vocabulary.iter().map(|w| w.to_string()).collect();
            danger_with_vocabulary(text, &vocabulary)
        };
        assert_eq!(
            found("ik krijg klappen thuis", &["klappen thuis"]),
            ["klappen thuis"]
        );
        assert!(found("de verwarming slaat af", &["slaat"]).is_empty());
        assert!(found("de deurwaarder bedreigt mij met beslag", &["bedreigt"]).is_empty());
        assert_eq!(
            found("mijn man slaat me", &["slaat", "man slaat"]),
            ["slaat me"]
        );
    }

    #[test]
    fn the_evidence_is_the_smallest_span_with_the_person() {
        assert_eq!(danger_words("Mijn man slaat me"), ["slaat me"]);
        assert_eq!(danger_words("hij slaatme"), ["slaat me"]);
        assert_eq!(danger_words("hij wil niet meer leven"), ["niet meer leven"]);
        assert_eq!(
            danger_words("hij slaat me en hij slaat me weer"),
            ["slaat me"]
        );
    }
}
