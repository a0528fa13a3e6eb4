//! The in-memory search index over the kaart: a sorted term dictionary with postings, and per
//! service the facts that filters and tie-breaks need.

use std::collections::HashMap;
use std::sync::{Arc, mpsc};

use chrono::NaiveDate;

use super::listing::{Listing, ListingBuilder};
use super::matching::MatchKind;
use super::terms::{Term, Terms, TermsBuilder};
use super::vocabulary::Vocabulary;
use crate::domain::{Kaart, Laag, Service, ServicePlaces};
use crate::store::{Store, StoreError};
use crate::text::for_each_folded_word;

/// Where in a service a word stands; earlier fields weigh more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Name,
    Keyword,
    Description,
}

impl Field {
    const ALL: [Field; 3] = [Field::Name, Field::Keyword, Field::Description];

    pub fn weight(self) -> f32 {
        match self {
            Field::Name => 1.0,
            Field::Keyword => 0.7,
            Field::Description => 0.45,
        }
    }
}

/// A service a word occurs in, with the best field it occurs in, packed in four bytes (the
/// postings are most of the index's memory).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting(u32);

impl Posting {
    pub(super) fn new(doc: u32, field: Field) -> Posting {
        Posting(doc << 2 | field as u32)
    }

    pub fn doc(self) -> u32 {
        self.0 >> 2
    }

    pub fn field(self) -> Field {
        Field::ALL[(self.0 & 3) as usize]
    }
}

/// What the index keeps of one service for filtering and ranking; what the list shows of it
/// is in the [`Listing`], at the same position.
#[derive(Debug, Clone)]
pub struct Doc {
    pub laag: Option<Laag>,
    pub active: bool,
    pub last_verified: Option<NaiveDate>,
    /// Indices into [`SearchIndex::leefgebied_codes`].
    pub leefgebieden: Box<[u16]>,
    /// Indices into [`SearchIndex::wijken`], lowercased.
    pub wijken: Box<[u16]>,
    pub min_age: Option<u8>,
    pub max_age: Option<u8>,
    pub free: bool,
    pub referral_required: bool,
    /// Position among equally scored services: the kantelingspiramide (eigen kracht first),
    /// active before inactive, recently verified first, then name and id, so the order is
    /// deterministic. Computed once at build so ranking compares one number.
    pub rank: u32,
}

/// The search index; build it with [`SearchIndex::build`] or [`SearchIndex::load`] and
/// rebuild it when the kaart changes. Service `i` in id order is doc `i`.
pub struct SearchIndex {
    pub(super) docs: Vec<Doc>,
    pub(super) listing: Listing,
    pub(super) terms: Terms,
    pub(super) leefgebied_codes: Vec<String>,
    pub(super) docs_by_leefgebied: Vec<Vec<u32>>,
    pub(super) wijken: Vec<String>,
    pub(super) vocabulary: Vocabulary,
    /// Per vocabulary concept: the services its terms match, with the match weight (field
    /// included), sorted by service.
    pub(super) concept_docs: Vec<Vec<(u32, f32)>>,
}

/// Services read from the kaart, on their way to the indexer.
type Batch = Vec<(Service, ServicePlaces)>;

/// Services per batch handed from the reading thread to the indexing one.
const LOAD_BATCH: usize = 256;
/// Batches read ahead of the indexer: enough to ride out a stall, few enough to stay small.
const LOAD_QUEUE: usize = 4;

/// Interns strings to small indices.
fn intern(list: &mut Vec<String>, value: &str) -> u16 {
    match list.iter().position(|v| v == value) {
        Some(i) => i as u16,
        None => {
            list.push(value.to_string());
            (list.len() - 1) as u16
        }
    }
}

/// The index while services are added, in id order.
#[derive(Default)]
struct Builder {
    terms: TermsBuilder,
    listing: ListingBuilder,
    docs: Vec<Doc>,
    leefgebied_codes: Vec<String>,
    wijken: Vec<String>,
}

impl Builder {
    fn add(&mut self, service: &Service, places: &ServicePlaces) {
        let doc = self.docs.len() as u32;
        let mut add = |text: &str, field: Field| {
            for_each_folded_word(text, |word| self.terms.add(word, doc, field));
        };
        add(&service.name, Field::Name);
        if let Some(alt) = &service.alternate_name {
            add(alt, Field::Name);
        }
        for keyword in &service.keywords {
            add(keyword, Field::Keyword);
        }
        if let Some(org) = &places.organization {
            add(org, Field::Keyword);
        }
        add(&service.description, Field::Description);
        for (location, _) in &places.locations {
            add(location, Field::Description);
        }
        let wijken = places
            .locations
            .iter()
            .filter_map(|(_, wijk)| wijk.as_deref())
            .map(|w| intern(&mut self.wijken, w))
            .collect();
        let leefgebieden = service
            .leefgebieden
            .iter()
            .map(|code| intern(&mut self.leefgebied_codes, code))
            .collect();
        self.docs.push(doc_for(service, leefgebieden, wijken));
        self.listing.add(service, places.organization.as_deref());
    }

    fn finish(self, vocabulary: Vocabulary) -> SearchIndex {
        let Builder {
            terms,
            listing,
            docs,
            leefgebied_codes,
            wijken,
        } = self;
        // Sorting and stemming the words takes as long as the rest together: it runs beside it.
        let (terms, (listing, docs, docs_by_leefgebied)) = std::thread::scope(|scope| {
            let terms = scope.spawn(move || terms.finish());
            let rest = rank_docs(listing.finish(), docs, leefgebied_codes.len());
            let terms = terms
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (terms, rest)
        });
        let concept_docs = (0..vocabulary.concepts.len())
            .map(|c| concept_doc_weights(&terms, vocabulary.concept_terms(c), docs.len()))
            .collect();
        SearchIndex {
            docs,
            listing,
            terms,
            leefgebied_codes,
            docs_by_leefgebied,
            wijken,
            vocabulary,
            concept_docs,
        }
    }
}

/// Sets every doc's tie-break rank and lists the docs per leefgebied.
fn rank_docs(
    listing: Listing,
    mut docs: Vec<Doc>,
    leefgebieden: usize,
) -> (Listing, Vec<Doc>, Vec<Vec<u32>>) {
    let mut order: Vec<u32> = (0..docs.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&docs[a as usize], &docs[b as usize]);
        let laag_rank = |d: &Doc| d.laag.map_or(u8::MAX, |l| l as u8);
        laag_rank(da)
            .cmp(&laag_rank(db))
            .then(db.active.cmp(&da.active))
            .then(db.last_verified.cmp(&da.last_verified))
            .then(listing.name(a).cmp(listing.name(b)))
            .then(listing.id(a).cmp(listing.id(b)))
    });
    for (rank, &doc) in order.iter().enumerate() {
        docs[doc as usize].rank = rank as u32;
    }
    drop(order);
    let mut docs_by_leefgebied = vec![Vec::new(); leefgebieden];
    for (i, doc) in docs.iter().enumerate() {
        for &code in &doc.leefgebieden {
            docs_by_leefgebied[code as usize].push(i as u32);
        }
    }
    (listing, docs, docs_by_leefgebied)
}

impl SearchIndex {
    /// The index of a kaart in memory (tests, benchmarks, an import's preview).
    pub fn build(kaart: Arc<Kaart>, vocabulary: Vocabulary) -> SearchIndex {
        let organizations: HashMap<&str, &str> = kaart
            .organizations
            .iter()
            .map(|o| (o.id.as_str(), o.name.as_str()))
            .collect();
        let locations: HashMap<&str, _> =
            kaart.locations.iter().map(|l| (l.id.as_str(), l)).collect();
        let mut services: Vec<&Service> = kaart.services.iter().collect();
        services.sort_by(|a, b| a.id.cmp(&b.id));
        let mut builder = Builder::default();
        for service in services {
            let places = ServicePlaces {
                organization: service
                    .organization_id
                    .as_deref()
                    .and_then(|id| organizations.get(id))
                    .map(|name| name.to_string()),
                locations: service
                    .location_ids
                    .iter()
                    .filter_map(|id| locations.get(id.as_str()))
                    .map(|l| {
                        (
                            l.name.clone(),
                            l.address.as_ref().and_then(|a| a.wijk.clone()),
                        )
                    })
                    .collect(),
            };
            builder.add(service, &places);
        }
        builder.finish(vocabulary)
    }

    /// The index of the kaart in `store`, read one service at a time. Reading SQLite and
    /// indexing words take about as long each, so a second thread indexes what this one reads,
    /// handed over in batches (one service at a time costs more in hand-overs than it saves).
    pub fn load(store: &Store, vocabulary: Vocabulary) -> Result<SearchIndex, StoreError> {
        let (send, receive) = mpsc::sync_channel::<Batch>(LOAD_QUEUE);
        // Indexed batches go back to be freed where they were allocated: freeing another
        // thread's memory contends for the allocator's lock with the reading.
        let (give_back, given_back) = mpsc::channel::<Batch>();
        std::thread::scope(|scope| {
            let indexer = scope.spawn(move || {
                let mut builder = Builder::default();
                for batch in receive {
                    for (service, places) in &batch {
                        builder.add(service, places);
                    }
                    let _ = give_back.send(batch);
                }
                builder
            });
            let mut batch = Vec::with_capacity(LOAD_BATCH);
            let read = store.for_each_service(|service, places| {
                batch.push((service, places));
                if batch.len() == LOAD_BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(LOAD_BATCH));
                    // The indexer only stops by panicking, which the join below reports.
                    let _ = send.send(full);
                    given_back.try_iter().for_each(drop);
                }
                Ok(())
            });
            let _ = send.send(batch);
            drop(send);
            let builder = indexer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            drop(given_back);
            read.map(|()| builder.finish(vocabulary))
        })
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The wijken that occur on the kaart, sorted.
    pub fn wijken(&self) -> Vec<&str> {
        let mut list: Vec<&str> = self.wijken.iter().map(String::as_str).collect();
        list.sort_unstable();
        list
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Number of distinct words indexed.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// The services a concept's terms point at, with the best weight per service. A one-word term
/// matches the same word, the same stem, or a longer word starting with it (`schuld` →
/// `schuldhulpverlening`); a term of several words (`veilig thuis`) matches services that have
/// all of its words. Computed once, at build.
fn concept_doc_weights(
    terms: &Terms,
    concept_terms: &[Vec<(String, String)>],
    docs: usize,
) -> Vec<(u32, f32)> {
    let mut best = vec![0f32; docs];
    // Per word of a term: its weight per service (0 = absent); a phrase keeps the minimum.
    let mut word_weights = vec![0f32; docs];
    let mut phrase_weights = vec![0f32; docs];
    for term_words in concept_terms {
        for (position, (text, stem)) in term_words.iter().enumerate() {
            word_weights.fill(0.0);
            let mut add = |term: Term, kind: MatchKind| {
                for posting in term.postings {
                    let slot = &mut word_weights[posting.doc() as usize];
                    *slot = slot.max(kind.weight() * posting.field().weight());
                }
            };
            let start = terms.partition_point(|t| t.text < text.as_str());
            for term in terms
                .iter_from(start)
                .take_while(|t| t.text.starts_with(text.as_str()))
            {
                // Compounds only from single-word terms; in a phrase every word must be itself.
                if term.text == text {
                    add(term, MatchKind::Exact);
                } else if term_words.len() == 1 {
                    add(term, MatchKind::Prefix);
                }
            }
            for &term in terms.with_stem(stem) {
                add(terms.get(term as usize), MatchKind::Stem);
            }
            if position == 0 {
                phrase_weights.copy_from_slice(&word_weights);
            } else {
                for (phrase, word) in phrase_weights.iter_mut().zip(&word_weights) {
                    *phrase = phrase.min(*word);
                }
            }
        }
        for (slot, weight) in best.iter_mut().zip(&phrase_weights) {
            *slot = slot.max(*weight);
        }
        phrase_weights.fill(0.0);
    }
    best.into_iter()
        .enumerate()
        .filter(|(_, w)| *w > 0.0)
        .map(|(doc, w)| (doc as u32, w))
        .collect()
}

fn doc_for(service: &Service, leefgebieden: Box<[u16]>, wijken: Box<[u16]>) -> Doc {
    Doc {
        laag: service.laag,
        active: service.is_active(),
        last_verified: service.last_verified,
        leefgebieden,
        wijken,
        min_age: service.min_age,
        max_age: service.max_age,
        free: service.free,
        referral_required: service.referral_required,
        rank: 0,
    }
}
