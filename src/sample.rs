//! Growing a kaart to a chosen size with realistic text, deterministically, for benchmarks and
//! load tests. Every generated service is a variant of a real one: its name gets a
//! neighbourhood or target group, its description mixes sentences of services in the same
//! leefgebied, so word frequencies stay those of a real sociale kaart.

use crate::domain::{Kaart, Organization, Service};

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

const PLACES: [&str; 12] = [
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Centrum",
    "De Weide",
    "Kanaalzone",
    "Oosterpark",
    "Noorderhaven",
    "Het Veld",
    "Molenwijk",
    "De Linde",
];
const GROUPS: [&str; 10] = [
    "voor ouderen",
    "voor jongeren",
    "voor gezinnen",
    "voor nieuwkomers",
    "voor mantelzorgers",
    "voor alleenstaanden",
    "voor werkzoekenden",
    "voor ouders",
    "inloop",
    "spreekuur",
];

/// Returns `kaart` grown to `services` services (or cut to that many), with one new
/// organisation per ten new services.
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
    let mut n = 0;
    while grown.services.len() < services {
        let template_index = rng.below(kaart.services.len());
        let template = &kaart.services[template_index];
        let organization_id = if n % 10 == 0 {
            let base = template
                .organization_id
                .as_deref()
                .and_then(|id| kaart.organization(id))
                .map_or("Stichting Welzijn", |o| o.name.as_str());
            let org = Organization {
                id: format!("org-gen-{n}"),
                name: format!("{base} {}", rng.pick(&PLACES)),
                description: String::new(),
                ..Organization::default()
            };
            let id = org.id.clone();
            grown.organizations.push(org);
            Some(id)
        } else {
            grown.organizations.last().map(|o| o.id.clone())
        };
        let same_domain: Vec<&Vec<&str>> = (0..kaart.services.len())
            .filter(|&i| kaart.services[i].leefgebieden.first() == template.leefgebieden.first())
            .map(|i| &sentences[i])
            .filter(|s| !s.is_empty())
            .collect();
        let description: String = if same_domain.is_empty() {
            template.description.clone()
        } else {
            (0..3)
                .map(|_| {
                    let sentences = *rng.pick(&same_domain);
                    *rng.pick(sentences)
                })
                .collect()
        };
        grown.services.push(Service {
            id: format!("svc-gen-{n}"),
            organization_id,
            name: format!(
                "{} {} {}",
                template.name,
                rng.pick(&GROUPS),
                rng.pick(&PLACES)
            ),
            description,
            phones: Vec::new(),
            ..template.clone()
        });
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
