//! Pulling a kaart from an HSDS 3.0 API (`openapi.json` of the standard): `/services?page=N`
//! page by page until the last page, and `/services/{id}` for each service a page gives only in
//! summary. Every response is fetched before anything is read, so a failure halfway stores
//! nothing; the documents then go through the same flattening and checks as a JSON file.
//!
//! Requests have a timeout and a size limit; a timeout, a dropped connection, a truncated body
//! and a 5xx or 429 answer are tried again after a growing pause, anything else stops the import.

use std::time::Duration;

use serde_json::Value;
use ureq::Agent;

use super::MAX_IMPORT_FILE_BYTES;
use super::error::ImportError;

/// How patient an API import is.
#[derive(Debug, Clone, Copy)]
pub struct ApiSettings {
    /// For one request, from connecting to the last byte.
    pub timeout: Duration,
    /// How often a failed request is tried again.
    pub retries: u32,
    /// The pause before the first retry; it doubles for each next one.
    pub backoff: Duration,
    /// All answers together may hold at most this many bytes.
    pub max_bytes: u64,
}

impl Default for ApiSettings {
    fn default() -> Self {
        ApiSettings {
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_secs(1),
            max_bytes: MAX_IMPORT_FILE_BYTES,
        }
    }
}

/// How far a pull has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub pages_done: usize,
    /// As the API reports it (`total_pages`), when it does.
    pub pages_total: Option<usize>,
}

/// A runaway API (a `last_page` that never comes) stops here.
const MAX_PAGES: usize = 100_000;

/// A fetched document and the name warnings give its root.
pub struct Document {
    pub root: String,
    pub value: Value,
}

/// The `/services` URL of `url`: as given when it ends in `/services`, else with it appended.
pub fn services_url(url: &str) -> Result<String, ImportError> {
    let trimmed = url.trim();
    if !(trimmed.starts_with("http://") || trimmed.starts_with("https://")) {
        return Err(api_error(trimmed, "geen http- of https-adres".to_string()));
    }
    let (path, query) = trimmed.split_once('?').unwrap_or((trimmed, ""));
    let path = path.trim_end_matches('/');
    let path = if path.ends_with("/services") {
        path.to_string()
    } else {
        format!("{path}/services")
    };
    Ok(if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    })
}

fn api_error(url: &str, problem: String) -> ImportError {
    ImportError::Api {
        url: url.to_string(),
        problem,
    }
}

fn with_query(url: &str, query: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{query}")
}

/// Whether a listed service carries only its own fields (the list form of the API), so its
/// locations, phones, schedules and attributes must be fetched from `/services/{id}`.
fn is_summary(service: &Value) -> bool {
    ["service_at_locations", "phones", "schedules", "attributes"]
        .iter()
        .all(|key| service.get(key).is_none())
}

/// Fetches every page of the API at `url` (see [`services_url`]) and the full form of every
/// service a page lists in summary.
pub fn fetch(
    url: &str,
    settings: &ApiSettings,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Document>, ImportError> {
    let services = services_url(url)?;
    let mut client = Client::new(settings);
    let mut documents = Vec::new();
    for page in 1..=MAX_PAGES {
        let page_url = with_query(&services, &format!("page={page}"));
        let mut value = client.get(&page_url)?;
        let Some(contents) = value.get_mut("contents").and_then(Value::as_array_mut) else {
            let problem = "geen HSDS-pagina: 'contents' ontbreekt".to_string();
            return Err(api_error(&page_url, problem));
        };
        for service in contents.iter_mut().filter(|s| is_summary(s)) {
            let Some(id) = service.get("id").and_then(Value::as_str) else {
                continue;
            };
            let (base, _) = services.split_once('?').unwrap_or((&services, ""));
            *service = client.get(&format!("{base}/{}", encode_segment(id)))?;
        }
        let empty = contents.is_empty();
        let total = value
            .get("total_pages")
            .and_then(Value::as_u64)
            .map(|t| t as usize);
        let last = value.get("last_page").and_then(Value::as_bool);
        progress(Progress {
            pages_done: page,
            pages_total: total,
        });
        documents.push(Document {
            root: format!("pagina {page}"),
            value,
        });
        let done = match last {
            Some(last) => last,
            None => total.is_none_or(|t| page >= t),
        };
        if done || empty {
            return Ok(documents);
        }
    }
    Err(api_error(
        &services,
        format!("meer dan {MAX_PAGES} pagina's; gestopt"),
    ))
}

/// An id as one URL path segment.
fn encode_segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct Client {
    agent: Agent,
    settings: ApiSettings,
    /// Bytes received so far; all responses together stay under `settings.max_bytes`.
    received: u64,
}

/// Why one attempt failed, and whether trying again may help.
struct Failure {
    problem: String,
    retry: bool,
}

impl Client {
    fn new(settings: &ApiSettings) -> Client {
        let agent = Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("loket/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Client {
            agent,
            settings: *settings,
            received: 0,
        }
    }

    /// The JSON at `url`, tried again with back-off where that may help.
    fn get(&mut self, url: &str) -> Result<Value, ImportError> {
        let mut pause = self.settings.backoff;
        let mut attempt = 0;
        loop {
            match self.attempt(url) {
                Ok(value) => return Ok(value),
                Err(failure) if failure.retry && attempt < self.settings.retries => {
                    attempt += 1;
                    std::thread::sleep(pause);
                    pause = pause.saturating_mul(2);
                }
                Err(failure) => {
                    let problem = if attempt > 0 {
                        format!("{} (ook na {} nieuwe pogingen)", failure.problem, attempt)
                    } else {
                        failure.problem
                    };
                    return Err(api_error(url, problem));
                }
            }
        }
    }

    fn attempt(&mut self, url: &str) -> Result<Value, Failure> {
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| self.failure(&e))?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(Failure {
                problem: format!("de server antwoordde met HTTP-status {status}"),
                retry: status >= 500 || status == 429,
            });
        }
        let left = self.settings.max_bytes.saturating_sub(self.received);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(left)
            .read_to_vec()
            .map_err(|e| self.failure(&e))?;
        self.received += bytes.len() as u64;
        serde_json::from_slice(&bytes).map_err(|e| Failure {
            problem: if e.is_eof() {
                "het antwoord houdt halverwege op".to_string()
            } else {
                format!(
                    "het antwoord is geen geldige JSON (regel {}, kolom {})",
                    e.line(),
                    e.column()
                )
            },
            retry: e.is_eof(),
        })
    }

    fn failure(&self, error: &ureq::Error) -> Failure {
        use ureq::Error;
        let (problem, retry) = match error {
            Error::Timeout(_) => (
                format!(
                    "geen (volledig) antwoord binnen {} seconden",
                    self.settings.timeout.as_secs_f32()
                ),
                true,
            ),
            Error::BodyExceedsLimit(_) => (
                format!(
                    "de antwoorden samen zijn groter dan {}, de grens voor een import",
                    size(self.settings.max_bytes)
                ),
                false,
            ),
            Error::HostNotFound => ("de server is onbekend (DNS)".to_string(), false),
            Error::ConnectionFailed => ("de server is niet bereikbaar".to_string(), true),
            Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                ("het antwoord houdt halverwege op".to_string(), true)
            }
            Error::Io(e) => (
                format!("verbinding verbroken ({})", crate::store::dutch_io(e)),
                true,
            ),
            Error::BadUri(_) | Error::Http(_) => ("ongeldig adres".to_string(), false),
            other => (format!("de verbinding mislukte ({other})"), true),
        };
        Failure { problem, retry }
    }
}

/// A byte count for people: whole MB from 1 MB on.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_url_is_found_or_appended() {
        let ok = |u: &str| services_url(u).unwrap();
        assert_eq!(
            ok("https://a.example/api"),
            "https://a.example/api/services"
        );
        assert_eq!(
            ok("https://a.example/api/"),
            "https://a.example/api/services"
        );
        assert_eq!(ok("http://a.example/services"), "http://a.example/services");
        assert_eq!(
            ok("http://a.example/services?taxonomy_id=x"),
            "http://a.example/services?taxonomy_id=x"
        );
        assert!(services_url("ftp://a.example").is_err());
        assert_eq!(
            with_query("http://a/services", "page=2"),
            "http://a/services?page=2"
        );
        assert_eq!(encode_segment("a b/c"), "a%20b%2Fc");
    }
}
