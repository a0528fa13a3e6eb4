//! New words for a grown kaart: place, street and family names made from Dutch syllables,
//! compounds of the social domain's word parts, and sentences that use them. A kaart of
//! 100 000 services has a dictionary of its own (every town its streets, every foundation its
//! name); copies of the sample's words would make the index look smaller than it will be.

use super::SplitMix;

const ONSETS: [&str; 24] = [
    "b", "br", "d", "dr", "g", "gr", "h", "k", "kl", "kr", "l", "m", "n", "p", "r", "s", "sch",
    "sl", "st", "t", "v", "w", "z", "zw",
];
const VOWELS: [&str; 13] = [
    "a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "ei", "ou", "ui", "eu",
];
const CODAS: [&str; 12] = [
    "", "n", "r", "l", "k", "m", "rt", "nd", "ld", "st", "ns", "lk",
];
const PLACE_ENDINGS: [&str; 16] = [
    "dam", "dijk", "veen", "wijk", "hoven", "horst", "broek", "wolde", "berg", "meer", "rode",
    "sum", "ingen", "um", "zijl", "loo",
];
const STREET_ENDINGS: [&str; 10] = [
    "straat", "laan", "weg", "plein", "hof", "singel", "kade", "dreef", "pad", "gracht",
];
/// First parts of compounds, from the social domain.
const DOMAIN_PARTS: [&str; 48] = [
    "schuld",
    "budget",
    "geld",
    "huur",
    "zorg",
    "mantelzorg",
    "jeugd",
    "gezins",
    "taal",
    "werk",
    "buurt",
    "wijk",
    "thuis",
    "ouderen",
    "dementie",
    "rouw",
    "opvoed",
    "inloop",
    "maaltijd",
    "vervoer",
    "woon",
    "energie",
    "voedsel",
    "kleding",
    "speel",
    "sport",
    "beweeg",
    "digi",
    "computer",
    "fiets",
    "tuin",
    "klus",
    "boodschappen",
    "administratie",
    "formulieren",
    "post",
    "leer",
    "stage",
    "vrijwilligers",
    "maatjes",
    "contact",
    "ontmoetings",
    "herstel",
    "verslavings",
    "welzijns",
    "armoede",
    "toeslagen",
    "participatie",
];
/// Last parts of compounds: what kind of help or place it is.
const KIND_PARTS: [&str; 26] = [
    "hulp",
    "punt",
    "huis",
    "café",
    "groep",
    "coach",
    "dienst",
    "loket",
    "spreekuur",
    "project",
    "team",
    "lijn",
    "cursus",
    "training",
    "kring",
    "winkel",
    "bank",
    "service",
    "club",
    "atelier",
    "werkplaats",
    "netwerk",
    "bureau",
    "centrum",
    "plein",
    "maatje",
];
const ORGANIZATION_FORMS: [&str; 8] = [
    "Stichting",
    "Vereniging",
    "Coöperatie",
    "Welzijn",
    "Zorggroep",
    "Huisartsenpraktijk",
    "Kerkelijke gemeente",
    "Buurtvereniging",
];
const BUILDINGS: [&str; 10] = [
    "Buurthuis",
    "Wijkcentrum",
    "Dorpshuis",
    "Gezondheidscentrum",
    "Bibliotheek",
    "Kulturhus",
    "Ontmoetingscentrum",
    "Servicepunt",
    "Kerkzaal",
    "Jongerencentrum",
];
const GROUPS: [&str; 12] = [
    "ouderen",
    "jongeren",
    "gezinnen",
    "nieuwkomers",
    "mantelzorgers",
    "alleenstaanden",
    "werkzoekenden",
    "ouders van jonge kinderen",
    "statushouders",
    "mensen met een beperking",
    "laaggeletterden",
    "zzp'ers",
];
const ACTIVITIES: [&str; 14] = [
    "helpt bij het ordenen van post en rekeningen",
    "organiseert wekelijks een gezamenlijke maaltijd",
    "biedt een luisterend oor en praktische steun",
    "begeleidt bij het vinden van vrijwilligerswerk",
    "leert u omgaan met de computer en de telefoon",
    "geeft advies over toeslagen en regelingen",
    "brengt u in contact met buurtgenoten",
    "ondersteunt bij het invullen van formulieren",
    "houdt spreekuur zonder afspraak",
    "komt bij u thuis voor een eerste gesprek",
    "zoekt samen met u naar een passende oplossing",
    "verzorgt vervoer naar afspraken en activiteiten",
    "biedt een plek om elkaar te ontmoeten",
    "werkt samen met de huisarts en de wijkverpleging",
];
const CLOSINGS: [&str; 8] = [
    "Aanmelden kan telefonisch of via de website.",
    "U bent welkom zonder verwijzing.",
    "Vrijwilligers van {org} staan voor u klaar.",
    "De eerste afspraak is gratis.",
    "Ook voor inwoners van {place} en omgeving.",
    "Bereikbaar met de bus vanaf {street}.",
    "Samen met {org} en de {compound}.",
    "Kijk voor de actuele tijden bij {building} {place}.",
];

pub(super) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Word makers over one random stream.
pub(super) struct Words<'r> {
    pub(super) rng: &'r mut SplitMix,
}

impl Words<'_> {
    fn syllable(&mut self) -> String {
        let rng = &mut *self.rng;
        format!(
            "{}{}{}",
            rng.pick(&ONSETS),
            rng.pick(&VOWELS),
            rng.pick(&CODAS)
        )
    }

    /// A new word stem of one or two syllables ("brakhorst" is `stem` + "horst"). Never one
    /// that holds a word part of the social domain: a town called "Schuldloo" would make every
    /// service there a match for "schulden", and rankings at scale would measure the names.
    fn stem(&mut self) -> String {
        loop {
            let mut stem = self.syllable();
            if self.rng.below(2) == 0 {
                stem.push_str(&self.syllable());
            }
            if !DOMAIN_PARTS.iter().any(|part| stem.contains(part)) {
                return stem;
            }
        }
    }

    pub(super) fn place(&mut self) -> String {
        let stem = self.stem();
        capitalized(&format!("{stem}{}", self.rng.pick(&PLACE_ENDINGS)))
    }

    pub(super) fn street(&mut self) -> String {
        let stem = self.stem();
        capitalized(&format!("{stem}{}", self.rng.pick(&STREET_ENDINGS)))
    }

    pub(super) fn family_name(&mut self) -> String {
        let prefix = *self.rng.pick(&["", "", "van ", "de ", "van der ", "ter "]);
        format!("{prefix}{}", capitalized(&self.stem()))
    }

    pub(super) fn compound(&mut self) -> String {
        format!(
            "{}{}",
            self.rng.pick(&DOMAIN_PARTS),
            self.rng.pick(&KIND_PARTS)
        )
    }

    pub(super) fn building(&mut self) -> &'static str {
        BUILDINGS[self.rng.below(BUILDINGS.len())]
    }

    pub(super) fn group(&mut self) -> &'static str {
        GROUPS[self.rng.below(GROUPS.len())]
    }

    pub(super) fn organization(&mut self, place: &str) -> String {
        let form = *self.rng.pick(&ORGANIZATION_FORMS);
        match self.rng.below(3) {
            0 => format!("{form} {}", self.family_name()),
            1 => format!("{form} {place}"),
            _ => format!("{form} {} {place}", capitalized(&self.compound())),
        }
    }

    /// Two to four sentences about a service of `organization` in `place`.
    pub(super) fn description(&mut self, name: &str, organization: &str, place: &str) -> String {
        let mut text = format!(
            "{name} {} voor {} in {place}.",
            self.rng.pick(&ACTIVITIES),
            self.group()
        );
        for _ in 0..1 + self.rng.below(3) {
            let closing = self
                .rng
                .pick(&CLOSINGS)
                .replace("{org}", organization)
                .replace("{place}", place)
                .replace("{street}", &self.street())
                .replace("{compound}", &self.compound())
                .replace("{building}", self.building());
            text.push(' ');
            text.push_str(&closing);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_new_words_deterministically() {
        let mut rng = SplitMix(3);
        let mut words = Words { rng: &mut rng };
        let places: Vec<String> = (0..200).map(|_| words.place()).collect();
        let distinct: std::collections::HashSet<&String> = places.iter().collect();
        assert!(distinct.len() > 190, "{} distinct places", distinct.len());
        let mut again = SplitMix(3);
        assert_eq!(places[0], Words { rng: &mut again }.place());
    }

    #[test]
    fn name_stems_never_hold_a_word_part_of_the_social_domain() {
        let mut rng = SplitMix(11);
        let mut words = Words { rng: &mut rng };
        for _ in 0..5_000 {
            let stem = words.stem();
            let part = DOMAIN_PARTS.iter().find(|part| stem.contains(*part));
            assert!(part.is_none(), "{stem} holds {part:?}");
        }
    }
}
