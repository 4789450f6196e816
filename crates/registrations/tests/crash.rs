//! The service killed with `kill -9` while a load generator sends registrations, then started
//! again: every registration answered 2xx is in the export, none twice. On SQLite, and on
//! PostgreSQL with `REGISTRATIONS_TEST_POSTGRES`.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use registrations::load::{self, Plan};
use registrations::store::{self, DatabaseUrl};

fn content() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/content"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn database_arg(url: &DatabaseUrl) -> String {
    match url {
        DatabaseUrl::Sqlite(p) => format!("sqlite:{}", p.display()),
        DatabaseUrl::Postgres(u) => u.clone(),
    }
}

fn spawn(db: &str, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_registrations"))
        .args(["serve", "--content"])
        .arg(content())
        .args(["--database", db, "--listen", &format!("127.0.0.1:{port}"), "--rate-limit", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the service")
}

async fn wait_healthy(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf).await;
            if buf.starts_with(b"HTTP/1.1 200") {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the service did not become healthy on port {port}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_answered_registration_and_doubles_none() {
    for db in common::databases().await {
        let arg = database_arg(&db.url);
        let port = free_port();
        let mut child = spawn(&arg, port);
        wait_healthy(port).await;
        let events = registrations::events::load(content(), &events_model::SiteAddress::default()).unwrap();
        let plan = Plan {
            url: format!("http://127.0.0.1:{port}/events/bench-con/registrations"),
            event: "bench-con".into(),
            registration: events["bench-con"].registration.clone(),
            count: 3000,
            concurrency: 40,
            max_attempts: 400,
            retry_wait: Duration::from_millis(25),
            timeout: Duration::from_secs(5),
        };
        // Every 2xx, written down the moment it arrives.
        let answered: Arc<Mutex<Vec<String>>> = Arc::default();
        let noted = answered.clone();
        let generator = tokio::spawn(load::run(plan, move |k| noted.lock().unwrap().push(k.to_owned())));
        // Kill it mid-rush, twice, and start it again each time.
        for _ in 0..2 {
            let start = answered.lock().unwrap().len();
            while answered.lock().unwrap().len() < start + 300 {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            child.kill().expect("kill -9"); // SIGKILL: no shutdown, no flush
            child.wait().unwrap();
            tokio::time::sleep(Duration::from_millis(300)).await;
            child = spawn(&arg, port);
            wait_healthy(port).await;
        }
        let report = generator.await.unwrap().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        let rows = store::rows(&db.url, Some("bench-con")).await.unwrap();
        let mut stored: HashMap<&str, usize> = HashMap::new();
        for r in &rows {
            *stored.entry(r.key.as_str()).or_default() += 1;
        }
        let answered = answered.lock().unwrap().clone();
        let missing: Vec<&String> = answered.iter().filter(|k| !stored.contains_key(k.as_str())).collect();
        let twice = stored.values().filter(|n| **n > 1).count();
        eprintln!(
            "crash test ({}): {} answered 2xx, {} rows, {} missing, {} stored twice, {} never answered, {} requests",
            db.name,
            answered.len(),
            rows.len(),
            missing.len(),
            twice,
            report.failed.len(),
            report.requests
        );
        assert!(answered.len() >= 600, "the service was killed while answering");
        assert!(missing.is_empty(), "{}: answered 2xx but not stored: {missing:?}", db.name);
        assert_eq!(twice, 0, "{}", db.name);
        // Retried with their keys, the ones cut off by the kills are in too, once.
        assert!(report.failed.is_empty(), "{}: {} never answered", db.name, report.failed.len());
        assert_eq!(rows.len(), 3000, "{}", db.name);
        assert!(report.requests > 3000, "some requests were cut off and retried");
    }
}
