//! `loket import https://…/services`: pulling a kaart from an HSDS 3.0 API, against a real HTTP
//! server on 127.0.0.1 started by the test. It serves a paged copy of the sample kaart's export
//! and of HSDS examples (one service only in summary, its full form at `/services/{id}`), and
//! can be told to answer slowly, with a 500, or with a truncated body.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use loket::domain::Leefgebieden;
use loket::interop::{
    ApiSettings, ExportFormat, ExportTarget, ImportError, Progress, export, import_api, load_sample,
};
use loket::store::Store;
use serde_json::{Value, json};

/// What the server answers to one request.
enum Reply {
    Json(String),
    Status(u16),
    /// The body after a pause longer than the client's timeout.
    Slow(String),
    /// A Content-Length of the whole body, then half of it and a closed connection.
    Truncated(String),
}

/// (request target, how many times it was asked before) → reply.
type Handler = dyn Fn(&str, usize) -> Reply + Send + Sync;

struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    /// Serves at most 500 connections, each on its own thread, then stops listening.
    fn start(handler: Box<Handler>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
        let handler: Arc<Handler> = Arc::from(handler);
        let counter = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(500).flatten() {
                let handler = handler.clone();
                let counter = counter.clone();
                std::thread::spawn(move || answer(stream, &*handler, &counter));
            }
        });
        Server { base, hits }
    }

    fn hits(&self, target: &str) -> usize {
        self.hits.lock().unwrap().get(target).copied().unwrap_or(0)
    }
}

fn answer(mut stream: TcpStream, handler: &Handler, hits: &Mutex<HashMap<String, usize>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap_or_default();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    let before = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(target.clone()).or_default();
        *n += 1;
        *n - 1
    };
    let head = |status: &str, length: usize| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
        )
    };
    let bytes = match handler(&target, before) {
        Reply::Json(body) => head("200 OK", body.len()) + &body,
        Reply::Status(code) => head(&format!("{code} Fout"), 0),
        Reply::Slow(body) => {
            std::thread::sleep(Duration::from_secs(5));
            head("200 OK", body.len()) + &body
        }
        Reply::Truncated(body) => head("200 OK", body.len()) + &body[..body.len() / 2],
    };
    let _ = stream.write_all(bytes.as_bytes());
}

/// The pages of the API: the sample kaart's JSON export in pages of 40 items, then a page with
/// a US-style service in summary form. Also the full form of that service.
struct Api {
    pages: Vec<String>,
    detail: String,
}

const PER_PAGE: usize = 40;

fn api() -> Api {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bron.db")).unwrap().store;
    load_sample(&mut store).unwrap();
    let file = dir.path().join("kaart.json");
    let kaart = store.load_kaart().unwrap();
    let target = ExportTarget::default();
    let leefgebieden = Leefgebieden::builtin();
    let format = ExportFormat::HsdsJson;
    export(
        &kaart,
        &Default::default(),
        &leefgebieden,
        &file,
        format,
        &target,
    )
    .unwrap();
    let items: Vec<Value> = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let foreign: Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hsds/foreign/services.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let full = foreign["contents"][0].clone();
    let summary: serde_json::Map<String, Value> = full
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| !v.is_array())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut chunks: Vec<Vec<Value>> = items.chunks(PER_PAGE).map(<[Value]>::to_vec).collect();
    chunks.push(vec![Value::Object(summary)]);
    let total_pages = chunks.len();
    let total_items = items.len() + 1;
    let pages = chunks
        .into_iter()
        .enumerate()
        .map(|(i, contents)| {
            json!({
                "total_items": total_items,
                "total_pages": total_pages,
                "page_number": i + 1,
                "size": contents.len(),
                "first_page": i == 0,
                "last_page": i + 1 == total_pages,
                "empty": false,
                "contents": contents,
            })
            .to_string()
        })
        .collect();
    Api {
        pages,
        detail: full.to_string(),
    }
}

/// The normal answer: a page, the detail of the summary service, else 404.
fn route(api: &Api, target: &str) -> Reply {
    if let Some(page) = target.strip_prefix("/services?page=") {
        let n: usize = page.parse().unwrap_or(0);
        return match api.pages.get(n.wrapping_sub(1)) {
            Some(page) => Reply::Json(page.clone()),
            None => Reply::Status(404),
        };
    }
    if target == "/services/us-svc-1" {
        return Reply::Json(api.detail.clone());
    }
    Reply::Status(404)
}

fn settings() -> ApiSettings {
    ApiSettings {
        timeout: Duration::from_secs(2),
        retries: 3,
        backoff: Duration::from_millis(20),
        ..ApiSettings::default()
    }
}

fn pull(
    store: &mut Store,
    url: &str,
    dry_run: bool,
) -> Result<(loket::interop::ImportReport, Vec<Progress>), ImportError> {
    pull_with(store, url, dry_run, &settings())
}

fn pull_with(
    store: &mut Store,
    url: &str,
    dry_run: bool,
    settings: &ApiSettings,
) -> Result<(loket::interop::ImportReport, Vec<Progress>), ImportError> {
    let mut seen = Vec::new();
    let report = import_api(
        store,
        url,
        &Leefgebieden::builtin(),
        dry_run,
        settings,
        &mut |p| seen.push(p),
    )?;
    Ok((report, seen))
}

fn empty_store(dir: &Path) -> Store {
    Store::open(&dir.join("loket.db")).unwrap().store
}

fn assert_nothing_stored(store: &Store) {
    assert_eq!(store.count_services().unwrap(), 0);
    assert!(store.import_runs().unwrap().is_empty());
}

#[test]
fn an_api_is_pulled_page_by_page_into_one_import() {
    let api = Arc::new(api());
    let pages = api.pages.len();
    let served = api.clone();
    let server = Server::start(Box::new(move |target, _| route(&served, target)));
    let dir = tempfile::tempdir().unwrap();
    let mut store = empty_store(dir.path());

    let (dry, _) = pull(&mut store, &format!("{}/services", server.base), true).unwrap();
    assert_eq!(dry.counts.services_created, 179, "{dry}");
    assert_nothing_stored(&store);

    let (report, progress) = pull(&mut store, &server.base, false).unwrap();
    assert!(report.warnings.is_empty(), "{report}");
    assert_eq!(report.counts.services_created, 179);
    assert_eq!(progress.len(), pages);
    assert_eq!(
        progress.last(),
        Some(&Progress {
            pages_done: pages,
            pages_total: Some(pages)
        })
    );
    assert!(
        server.hits("/services/us-svc-1") >= 2,
        "summary fetched in full"
    );
    let kaart = store.load_kaart().unwrap();
    let pantry = kaart.service("us-svc-1").unwrap();
    assert_eq!(pantry.location_ids, ["us-loc-1"]);
    assert_eq!(pantry.hours.len(), 1);
    let fields = store.source_fields().unwrap();
    let address = &fields[&("address".to_string(), "us-loc-1".to_string())];
    assert!(address.contains("\"country\":\"US\""), "{address}");
    assert_eq!(store.import_runs().unwrap().len(), 1);
}

#[test]
fn a_slow_page_and_a_500_are_tried_again() {
    let api = api();
    let server = Server::start(Box::new(move |target, before| match (target, before) {
        ("/services?page=2", 0) => Reply::Slow(String::new()),
        ("/services?page=3", 0) => Reply::Status(500),
        ("/services?page=4", 0 | 1) => Reply::Status(503),
        _ => route(&api, target),
    }));
    let dir = tempfile::tempdir().unwrap();
    let mut store = empty_store(dir.path());
    let (report, _) = pull(&mut store, &server.base, false).unwrap();
    assert_eq!(report.counts.services_created, 179, "{report}");
    // At least: on a busy machine a normal answer may time out and be asked again too.
    assert!(server.hits("/services?page=2") >= 2);
    assert!(server.hits("/services?page=3") >= 2);
    assert!(server.hits("/services?page=4") >= 3);
}

fn failed_pull(reply: fn(&Api, &str) -> Reply) -> (String, Store, tempfile::TempDir) {
    let api = api();
    let server = Server::start(Box::new(move |target, _| reply(&api, target)));
    let dir = tempfile::tempdir().unwrap();
    let mut store = empty_store(dir.path());
    let error = pull(&mut store, &server.base, false).expect_err("the pull fails");
    (error.to_string(), store, dir)
}

#[test]
fn a_persistent_500_stops_the_import_with_a_dutch_error_and_stores_nothing() {
    let (message, store, _dir) = failed_pull(|api, target| {
        if target == "/services?page=3" {
            Reply::Status(500)
        } else {
            route(api, target)
        }
    });
    assert!(message.contains("/services?page=3"), "{message}");
    assert!(
        message.contains("de server antwoordde met HTTP-status 500 (ook na 3 nieuwe pogingen); er is niets opgeslagen"),
        "{message}"
    );
    assert_nothing_stored(&store);
}

#[test]
fn a_truncated_body_stops_the_import_and_stores_nothing() {
    let (message, store, _dir) = failed_pull(|api, target| match route(api, target) {
        Reply::Json(body) if target == "/services?page=2" => Reply::Truncated(body),
        reply => reply,
    });
    assert!(
        message.contains("het antwoord houdt halverwege op"),
        "{message}"
    );
    assert!(message.ends_with("er is niets opgeslagen"), "{message}");
    assert_nothing_stored(&store);
}

#[test]
fn answers_above_the_size_limit_are_refused_and_nothing_is_stored() {
    let api = api();
    let limit = api.pages[0].len() as u64 + 100;
    let server = Server::start(Box::new(move |target, _| route(&api, target)));
    let dir = tempfile::tempdir().unwrap();
    let mut store = empty_store(dir.path());
    let small = ApiSettings {
        max_bytes: limit,
        ..settings()
    };
    let error = pull_with(&mut store, &server.base, false, &small).expect_err("too large");
    let message = error.to_string();
    assert!(message.contains("/services?page=2"), "{message}");
    assert!(
        message.contains(&format!(
            "de antwoorden samen zijn groter dan {limit} bytes"
        )),
        "{message}"
    );
    assert_eq!(server.hits("/services?page=2"), 1, "not tried again");
    assert_nothing_stored(&store);
}

#[test]
fn a_page_that_is_not_hsds_is_refused() {
    let (message, store, _dir) = failed_pull(|_, _| Reply::Json("{\"items\": []}".to_string()));
    assert!(message.contains("'contents' ontbreekt"), "{message}");
    assert_nothing_stored(&store);
}

#[test]
fn the_command_line_imports_from_an_api_url() {
    let api = api();
    let server = Server::start(Box::new(move |target, _| route(&api, target)));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("LOKET_DB")
            .output()
            .unwrap()
    };
    let out = run(&["import", &format!("{}/services", server.base)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("diensten: 179 nieuw, 0 bijgewerkt"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty(), "no progress bar off a terminal");

    let missing = run(&["import", "--api", &format!("{}/elders", server.base)]);
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("HTTP-status 404"), "{stderr}");
}
