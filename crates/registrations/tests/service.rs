//! The registration service over HTTP, on SQLite and (with `REGISTRATIONS_TEST_POSTGRES`) on
//! PostgreSQL: every test runs on each database.

mod common;

use common::*;
use registrations::store::{self, DatabaseUrl, Store};
use serde_json::json;

#[tokio::test]
async fn the_shared_fixtures_are_judged_as_the_form_judges_them() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let fixture = fixture();
        let cases = fixture["cases"].as_array().unwrap();
        for case in cases {
            let b = body("fixture", &key(), case["answers"].clone(), case["consents"].clone());
            let a = register(&s.base, "fixture", &b).await;
            let refused: Vec<String> = case["refused"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
            let name = case["name"].as_str().unwrap();
            if refused.is_empty() {
                assert_eq!(a.status, 201, "{}: {name}: {}", db.name, a.body);
            } else {
                assert_eq!(a.status, 422, "{}: {name}: {}", db.name, a.body);
                assert_eq!(a.refused_fields(), refused, "{}: {name}", db.name);
                // Forms that show one text show every field's message.
                let message = a.json()["message"].as_str().unwrap().to_owned();
                for (_, m) in events_model::registration::received::field_errors(&a.body) {
                    assert!(message.contains(&m), "{message} lacks {m}");
                }
            }
        }
        let accepted = cases.iter().filter(|c| c["refused"].as_array().unwrap().is_empty()).count();
        s.stop().await;
        assert_eq!(store::rows(&db.url, Some("fixture")).await.unwrap().len(), accepted, "{}", db.name);
    }
}

#[tokio::test]
async fn fifty_concurrent_requests_with_one_key_store_one_row_and_get_one_answer() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let k = key();
        let b = valid("fixture", &k, "Zoë Ådahl-Nguyễn");
        let base = s.base.clone();
        let answers = futures_join(50, move || {
            let (base, b) = (base.clone(), b.clone());
            async move { register(&base, "fixture", &b).await }
        })
        .await;
        for a in &answers {
            assert_eq!(a.status, 201, "{}: {}", db.name, a.body);
            assert_eq!(a.body, answers[0].body, "{}", db.name);
        }
        assert_eq!(answers[0].json()["reference"], "K7QD-M2XA");
        s.stop().await;
        let rows = store::rows(&db.url, Some("fixture")).await.unwrap();
        assert_eq!(rows.len(), 1, "{}", db.name);
        assert_eq!(rows[0].key, k);
    }
}

/// Runs `n` copies of a request at once.
async fn futures_join<F, Fut>(n: usize, f: F) -> Vec<Answer>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Answer> + Send + 'static,
{
    let handles: Vec<_> = (0..n).map(|_| tokio::spawn(f())).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_repeat_gets_the_first_answer_and_a_changed_body_is_refused() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let k = key();
        let first = register(&s.base, "fixture", &valid("fixture", &k, "Ada")).await;
        assert_eq!(first.status, 201);
        // The same registration written differently (key order, spacing) is the same.
        let text = serde_json::to_string_pretty(&valid("fixture", &k, "Ada")).unwrap();
        let again = send("POST", &format!("{}/api/events/fixture/registrations", s.base), &[("content-type", "application/json")], text.into_bytes()).await;
        assert_eq!((again.status, again.body.clone()), (201, first.body.clone()), "{}", db.name);
        let changed = register(&s.base, "fixture", &valid("fixture", &k, "Grace")).await;
        assert_eq!(changed.status, 422, "{}", db.name);
        assert!(changed.json()["message"].as_str().unwrap().contains("different answers"), "{}", changed.body);
        // Header and body must agree; the key must be a UUID; the event must be the address's.
        let mismatch = send(
            "POST",
            &format!("{}/events/fixture/registrations", s.base),
            &[("content-type", "application/json"), ("idempotency-key", &key())],
            serde_json::to_vec(&valid("fixture", &k, "Ada")).unwrap(),
        )
        .await;
        assert_eq!(mismatch.status, 400);
        assert_eq!(register(&s.base, "fixture", &valid("fixture", "not-a-uuid", "Ada")).await.status, 400);
        assert_eq!(register(&s.base, "small", &valid("fixture", &key(), "Ada")).await.status, 400);
        assert_eq!(register(&s.base, "nope", &valid("nope", &key(), "Ada")).await.status, 404);
        let garbage = send("POST", &format!("{}/events/fixture/registrations", s.base), &[("content-type", "application/json")], b"{not json".to_vec()).await;
        assert_eq!(garbage.status, 400);
        s.stop().await;
        assert_eq!(store::rows(&db.url, Some("fixture")).await.unwrap().len(), 1, "{}", db.name);
    }
}

#[tokio::test]
async fn a_body_not_sent_as_json_is_refused_415_and_stored_nowhere() {
    // Bodies a page on any site can make its visitors' browsers send without a preflight
    // ("simple" requests), and bodies with no type at all: each a valid registration.
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let types = [
            Some("text/plain"),
            Some("text/plain;charset=UTF-8"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("text/json"),
            None,
        ];
        for prefix in ["", "/api"] {
            for kind in types {
                let k = key();
                let mut headers = vec![("origin", "https://evil.example"), ("idempotency-key", k.as_str())];
                headers.extend(kind.map(|t| ("content-type", t)));
                let url = format!("{}{prefix}/events/fixture/registrations", s.base);
                let a = send("POST", &url, &headers, serde_json::to_vec(&valid("fixture", &k, "Ada")).unwrap()).await;
                assert_eq!(a.status, 415, "{}: {prefix} {kind:?}: {}", db.name, a.body);
                assert!(a.json()["message"].as_str().unwrap().contains("application/json"), "{}", a.body);
            }
        }
        // The same body sent as JSON (with a charset) is taken.
        let k = key();
        let ok = send(
            "POST",
            &format!("{}/events/fixture/registrations", s.base),
            &[("content-type", "application/json; charset=utf-8")],
            serde_json::to_vec(&valid("fixture", &k, "Ada")).unwrap(),
        )
        .await;
        assert_eq!(ok.status, 201, "{}: {}", db.name, ok.body);
        s.stop().await;
        let rows = store::rows(&db.url, Some("fixture")).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), [k.as_str()], "{}", db.name);
    }
}

#[tokio::test]
async fn dates_are_checked_by_the_servers_clock_but_a_stored_key_keeps_its_answer() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        s.set_now(999);
        let early = register(&s.base, "window", &valid("window", &key(), "Ada")).await;
        assert_eq!(early.status, 422);
        assert!(early.json()["message"].as_str().unwrap().contains("not open yet"), "{}", early.body);
        assert!(early.refused_fields().is_empty());
        s.set_now(1999);
        let k = key();
        let in_time = register(&s.base, "window", &valid("window", &k, "Ada")).await;
        assert_eq!(in_time.status, 201);
        s.set_now(2000);
        let late = register(&s.base, "window", &valid("window", &key(), "Ada")).await;
        assert_eq!(late.status, 422);
        assert!(late.json()["message"].as_str().unwrap().contains("has closed"), "{}", late.body);
        // The answer to the first was lost; its retry after closing is still the first answer.
        let retry = register(&s.base, "window", &valid("window", &k, "Ada")).await;
        assert_eq!((retry.status, retry.body), (201, in_time.body), "{}", db.name);
        s.stop().await;
    }
}

#[tokio::test]
async fn past_capacity_registrations_go_on_the_waiting_list() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let keys: Vec<String> = (0..4).map(|_| key()).collect();
        let mut waiting = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let a = register(&s.base, "small", &valid("small", k, &format!("Person {i}"))).await;
            assert_eq!(a.status, 201, "{}", a.body);
            waiting.push(a.json()["waiting_list"].as_bool().unwrap());
            assert_eq!(a.json()["status"], if i < 2 { "registered" } else { "waiting_list" });
        }
        assert_eq!(waiting, [false, false, true, true], "{}", db.name);
        let again = register(&s.base, "small", &valid("small", &keys[2], "Person 2")).await;
        assert_eq!(again.json()["waiting_list"], true);
        assert!(again.json()["message"].as_str().unwrap().contains("waiting list"));
        s.stop().await;
        let rows = store::rows(&db.url, Some("small")).await.unwrap();
        let mut csv = Vec::new();
        registrations::export::csv(&rows, &mut csv).unwrap();
        let mut reader = csv::Reader::from_reader(&csv[3..]);
        let marks: Vec<String> = reader.records().map(|r| r.unwrap()[4].to_owned()).collect();
        assert_eq!(marks, ["no", "no", "yes", "yes"]);
    }
}

#[tokio::test]
async fn concurrent_registrations_never_fill_more_places_than_there_are() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let base = s.base.clone();
        let answers = futures_join(30, move || {
            let base = base.clone();
            async move { register(&base, "small", &valid("small", &key(), "Ada")).await }
        })
        .await;
        let placed = answers.iter().filter(|a| a.json()["waiting_list"] == false).count();
        assert_eq!(placed, 2, "{}", db.name);
        s.stop().await;
    }
}

#[tokio::test]
async fn export_is_spreadsheet_safe_and_keeps_unicode() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        let names = ["Zoë Ådahl-Nguyễn", "=HYPERLINK(\"http://evil.example\",\"x\")", "+33 6 12", "@SUM(A1)", "-1", "李小龍, \"Bruce\" Lee"];
        for n in names {
            let a = register(&s.base, "fixture", &valid("fixture", &key(), n)).await;
            assert_eq!(a.status, 201, "{n}: {}", a.body);
        }
        s.stop().await;
        let rows = store::rows(&db.url, Some("fixture")).await.unwrap();
        let mut out = Vec::new();
        registrations::export::csv(&rows, &mut out).unwrap();
        assert!(out.starts_with("\u{feff}".as_bytes()), "UTF-8 byte-order mark for spreadsheets");
        let mut reader = csv::Reader::from_reader(&out[3..]);
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(&header[..8], ["reference", "idempotency_key", "received_at", "submitted_at", "waiting_list", "name", "email", "experience"]);
        assert!(header.contains(&"consent:code-of-conduct".to_owned()));
        let name_col = header.iter().position(|h| h == "name").unwrap();
        let lang_col = header.iter().position(|h| h == "languages").unwrap();
        let got: Vec<(String, String)> = reader.records().map(|r| r.unwrap()).map(|r| (r[name_col].to_owned(), r[lang_col].to_owned())).collect();
        let expected = ["Zoë Ådahl-Nguyễn", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'+33 6 12", "'@SUM(A1)", "'-1", "李小龍, \"Bruce\" Lee"];
        assert_eq!(got.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), expected, "{}", db.name);
        assert!(got.iter().all(|(_, l)| l == "中文"));
        let mut json_out = Vec::new();
        registrations::export::json(&rows, &mut json_out).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&json_out).unwrap();
        assert_eq!(parsed[0]["answers"]["name"], "Zoë Ådahl-Nguyễn");
        assert_eq!(parsed[1]["answers"]["name"], names[1], "JSON keeps the answer as sent");
        assert_eq!(parsed.as_array().unwrap().len(), names.len());
    }
}

#[tokio::test]
async fn cors_is_only_for_the_configured_origins_and_on_every_answer() {
    for db in databases().await {
        let mut st = settings();
        st.rate_limit_per_minute = 3;
        let s = start(&db.url, st, None).await;
        let url = format!("{}/events/fixture/registrations", s.base);
        let preflight = send(
            "OPTIONS",
            &url,
            &[("origin", "https://events.istio.io"), ("access-control-request-method", "POST"), ("access-control-request-headers", "content-type, idempotency-key")],
            vec![],
        )
        .await;
        assert!(preflight.status < 300);
        assert_eq!(preflight.headers["access-control-allow-origin"], "https://events.istio.io");
        assert_eq!(preflight.headers["access-control-max-age"], "600");
        let allowed = preflight.headers["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
        assert!(allowed.contains("idempotency-key") && allowed.contains("content-type"), "{allowed}");
        let evil = send("OPTIONS", &url, &[("origin", "https://evil.example"), ("access-control-request-method", "POST")], vec![]).await;
        assert!(!evil.headers.contains_key("access-control-allow-origin"));
        // Every answer carries it: 201, 422, 400, 413, 429.
        let o = [("origin", "https://events.istio.io"), ("content-type", "application/json")];
        let created = send("POST", &url, &o, serde_json::to_vec(&valid("fixture", &key(), "Ada")).unwrap()).await;
        let refused = send("POST", &url, &o, serde_json::to_vec(&valid("fixture", &key(), "")).unwrap()).await;
        let bad = send("POST", &url, &o, b"nope".to_vec()).await;
        let limited = send("POST", &url, &o, b"nope".to_vec()).await;
        let big = send("POST", &format!("{}/events/small/registrations", s.base), &o, vec![b' '; 65 * 1024]).await;
        for (a, status) in [(&created, 201), (&refused, 422), (&bad, 400), (&limited, 429), (&big, 413)] {
            assert_eq!(a.status, status, "{}: {}", db.name, a.body);
            assert_eq!(a.headers["access-control-allow-origin"], "https://events.istio.io", "{status}");
        }
        let other = send("POST", &url, &[("origin", "https://evil.example")], b"{}".to_vec()).await;
        assert!(!other.headers.contains_key("access-control-allow-origin"));
        s.stop().await;
    }
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_per_client() {
    for db in databases().await {
        let mut st = settings();
        st.rate_limit_per_minute = 5;
        let s = start(&db.url, st, None).await;
        let url = format!("{}/events/fixture/registrations", s.base);
        let from = |ip: &'static str| [("x-forwarded-for", ip), ("content-type", "application/json")];
        for _ in 0..5 {
            let a = send("POST", &url, &from("203.0.113.1"), serde_json::to_vec(&valid("fixture", &key(), "Ada")).unwrap()).await;
            assert_eq!(a.status, 201);
        }
        let limited = send("POST", &url, &from("203.0.113.1"), serde_json::to_vec(&valid("fixture", &key(), "Ada")).unwrap()).await;
        assert_eq!(limited.status, 429);
        let wait: u64 = limited.headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "{wait}");
        // Behind the trusted proxy, another visitor is another client.
        let other = send("POST", &url, &from("203.0.113.2"), serde_json::to_vec(&valid("fixture", &key(), "Ada")).unwrap()).await;
        assert_eq!(other.status, 201);
        // Health checks are not limited.
        assert_eq!(send("GET", &format!("{}/healthz", s.base), &[], vec![]).await.status, 200);
        s.stop().await;
    }
}

#[tokio::test]
async fn stats_and_purge() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        for (i, n) in ["Ada", "Grace", "Linus"].iter().enumerate() {
            let mut b = valid("fixture", &key(), n);
            b["answers"]["experience"] = json!(if i == 0 { "Not yet" } else { "Longer" });
            assert_eq!(register(&s.base, "fixture", &b).await.status, 201);
        }
        assert_eq!(register(&s.base, "small", &valid("small", &key(), "Ada")).await.status, 201);
        s.stop().await;
        let rows = store::rows(&db.url, None).await.unwrap();
        let events = events();
        let stats = registrations::export::stats(&rows, Some(&events));
        assert_eq!(stats.iter().map(|e| (e.event.as_str(), e.count)).collect::<Vec<_>>(), [("fixture", 3), ("small", 1)]);
        assert_eq!(stats[0].choices["experience"]["Longer"], 2);
        assert_eq!(stats[0].choices["experience"]["Not yet"], 1);
        assert_eq!(stats[0].choices["experience"]["One to three years"], 0);
        assert_eq!(stats[0].choices["languages"]["中文"], 3);
        assert!(stats[0].first <= stats[0].last);
        let text = registrations::export::stats_text(&stats);
        assert!(text.contains("fixture: 3 registrations (0 on the waiting list)"), "{text}");
        // Nothing was received before 2001; everything before 2100.
        assert_eq!(store::purge(&db.url, "fixture", 978_307_200_000).await.unwrap(), 0);
        assert_eq!(store::purge(&db.url, "fixture", 4_102_444_800_000).await.unwrap(), 3);
        assert_eq!(store::rows(&db.url, Some("fixture")).await.unwrap().len(), 0);
        assert_eq!(store::rows(&db.url, Some("small")).await.unwrap().len(), 1, "other events are kept");
    }
}

#[tokio::test]
async fn migrations_run_on_an_empty_and_on_an_existing_database() {
    for db in databases().await {
        // An existing database at version 1 with a registration in it.
        match &db.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn = store::open_sqlite(path).unwrap();
                assert_eq!(store::sqlite_version(&conn).unwrap(), 0);
                assert_eq!(store::migrate_sqlite_to(&mut conn, 1).unwrap(), 1);
                conn.execute(
                    "INSERT INTO registrations (event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body) VALUES ('fixture', 'old-key', 'OLD-1', 1, 't', 0, '{}')",
                    [],
                )
                .unwrap();
            }
            DatabaseUrl::Postgres(url) => {
                let mut client = store::connect_postgres(url).await.unwrap();
                assert_eq!(store::postgres_version(&client).await.unwrap(), 0);
                assert_eq!(store::migrate_postgres_to(&mut client, 1).await.unwrap(), 1);
                client
                    .batch_execute(
                        "INSERT INTO registrations (event, idempotency_key, reference, received_ms, submitted_at, waiting_list, body) VALUES ('fixture', 'old-key', 'OLD-1', 1, 't', false, '{}')",
                    )
                    .await
                    .unwrap();
            }
        }
        let (store_, writer) = Store::open(&db.url).await.unwrap();
        drop(store_);
        writer.wait().await;
        let version = match &db.url {
            DatabaseUrl::Sqlite(path) => store::sqlite_version(&store::open_sqlite(path).unwrap()).unwrap(),
            DatabaseUrl::Postgres(url) => store::postgres_version(&store::connect_postgres(url).await.unwrap()).await.unwrap(),
        };
        assert_eq!(version, store::latest_version(), "{}", db.name);
        let rows = store::rows(&db.url, Some("fixture")).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.reference.as_str()).collect::<Vec<_>>(), ["OLD-1"], "{}", db.name);
        // Opening again changes nothing.
        let (again, writer) = Store::open(&db.url).await.unwrap();
        drop(again);
        writer.wait().await;
    }
    // An empty database is brought to the latest version by the first command that opens it.
    let dir = tempfile::tempdir().unwrap();
    let url = DatabaseUrl::Sqlite(dir.path().join("fresh.sqlite"));
    assert!(store::rows(&url, None).await.unwrap().is_empty());
    match &url {
        DatabaseUrl::Sqlite(path) => assert_eq!(store::sqlite_version(&store::open_sqlite(path).unwrap()).unwrap(), store::latest_version()),
        DatabaseUrl::Postgres(_) => unreachable!(),
    }
}

#[tokio::test]
async fn sqlite_is_in_wal_mode_with_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open_sqlite(&dir.path().join("r.sqlite")).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!((mode.as_str(), sync), ("wal", 2));
}

#[tokio::test]
async fn health_and_graceful_shutdown_finish_requests_in_flight() {
    for db in databases().await {
        let s = start(&db.url, settings(), None).await;
        assert_eq!(send("GET", &format!("{}/healthz", s.base), &[], vec![]).await.body, "ok\n");
        let base = s.base.clone();
        let in_flight: Vec<_> = (0..20).map(|i| {
            let base = base.clone();
            tokio::spawn(async move { register(&base, "fixture", &valid("fixture", &key(), &format!("P{i}"))).await.status })
        }).collect();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        s.stop().await;
        let mut answered = 0;
        for h in in_flight {
            // Every request that reached the service before shutdown is answered 201;
            // ones that came after find the port closed.
            if let Ok(201) = h.await {
                answered += 1;
            }
        }
        assert_eq!(store::rows(&db.url, Some("fixture")).await.unwrap().len(), answered, "{}", db.name);
    }
}
