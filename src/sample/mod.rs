//! Growing a kaart to a chosen size with realistic text, deterministically, for benchmarks,
//! load tests and `loket demo --diensten`: new services with words of their own (see
//! [`grow`]), so the search index meets a dictionary the size of a real large kaart's.

mod words;

use crate::domain::{Address, Kaart, Location, Organization, Phone, Service};
use words::{Words, capitalized};

/// A small deterministic generator (SplitMix64): the same seed gives the same kaart, and the
/// same demo data (`crate::demo`).
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Returns `kaart` grown to `services` services (or cut to that many). Each new service takes
/// its leefgebieden, laag, keywords, hours and conditions from a service of `kaart`, so filters
/// and the vocabulary meet what they meet on a real kaart; its name, organisation, location and
/// most of its description are new words ([`words`]), with one sentence of a service in the
/// same leefgebied. A new organisation comes with about every eighth service; towns are shared
/// by some twenty services each, streets are new with every location.
pub fn grow(kaart: &Kaart, services: usize, seed: u64) -> Kaart {
    let mut rng = SplitMix(seed);
    let mut grown = kaart.clone();
    if kaart.services.is_empty() {
        return grown;
    }
    grown.services.truncate(services);
    let sentences: Vec<Vec<&str>> = kaart
        .services
        .iter()
        .map(|s| s.description.split_inclusive(". ").collect())
        .collect();
    let mut wijken: Vec<&str> = kaart
        .locations
        .iter()
        .filter_map(|l| l.address.as_ref()?.wijk.as_deref())
        .collect();
    wijken.sort_unstable();
    wijken.dedup();
    let mut words = Words { rng: &mut rng };
    let places: Vec<String> = (0..services / 20 + 1).map(|_| words.place()).collect();
    let mut organization = (String::new(), String::new());
    let mut n = 0;
    while grown.services.len() < services {
        let template_index = words.rng.below(kaart.services.len());
        let template = &kaart.services[template_index];
        let place = words.rng.pick(&places).clone();
        if n % 8 == 0 {
            let org = Organization {
                id: format!("org-gen-{n}"),
                name: words.organization(&place),
                ..Organization::default()
            };
            organization = (org.id.clone(), org.name.clone());
            grown.organizations.push(org);
        }
        let location = Location {
            id: format!("loc-gen-{n}"),
            organization_id: Some(organization.0.clone()),
            name: format!("{} {}", words.building(), words.place()),
            address: Some(Address {
                street: format!("{} {}", words.street(), 1 + words.rng.below(200)),
                postcode: format!(
                    "{} {}{}",
                    1000 + words.rng.below(9000),
                    char::from(b'A' + words.rng.below(26) as u8),
                    char::from(b'A' + words.rng.below(26) as u8)
                ),
                city: place.clone(),
                wijk: (!wijken.is_empty()).then(|| words.rng.pick(&wijken).to_string()),
            }),
            ..Location::default()
        };
        let name = match words.rng.below(3) {
            0 => format!("{} {place}", capitalized(&words.compound())),
            1 => format!("{} {}", template.name, location.name),
            _ => format!("{} voor {}", capitalized(&words.compound()), words.group()),
        };
        let mut description = words.description(&name, &organization.1, &place);
        let same_domain: Vec<&Vec<&str>> = (0..kaart.services.len())
            .filter(|&i| kaart.services[i].leefgebieden.first() == template.leefgebieden.first())
            .map(|i| &sentences[i])
            .filter(|s| !s.is_empty())
            .collect();
        if !same_domain.is_empty() {
            let sentences = *words.rng.pick(&same_domain);
            description.push(' ');
            description.push_str(words.rng.pick(sentences).trim());
        }
        let mut keywords = template.keywords.clone();
        keywords.push(words.compound());
        grown.services.push(Service {
            id: format!("svc-gen-{n}"),
            organization_id: Some(organization.0.clone()),
            name,
            alternate_name: None,
            description,
            keywords,
            location_ids: vec![location.id.clone()],
            phones: vec![Phone {
                id: format!("tel-gen-{n}"),
                number: format!(
                    "0{} {:07}",
                    10 + words.rng.below(89),
                    words.rng.below(10_000_000)
                ),
                kind: "voice".into(),
                description: String::new(),
            }],
            ..template.clone()
        });
        grown.locations.push(location);
        n += 1;
    }
    grown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_deterministically_to_the_requested_size() {
        let base = Kaart {
            organizations: vec![Organization {
                id: "o".into(),
                name: "Org".into(),
                ..Organization::default()
            }],
            locations: Vec::new(),
            services: vec![Service {
                id: "s".into(),
                organization_id: Some("o".into()),
                name: "Voedselbank".into(),
                description: "Eén. Twee. Drie.".into(),
                leefgebieden: vec!["geldzaken-schulden".into()],
                ..Service::default()
            }],
        };
        let a = grow(&base, 50, 7);
        assert_eq!(a.services.len(), 50);
        assert_eq!(a, grow(&base, 50, 7));
        assert_ne!(a, grow(&base, 50, 8));
        assert!(a.services.iter().all(|s| {
            s.organization_id
                .as_deref()
                .is_some_and(|o| a.organization(o).is_some())
        }));
    }
}
