//! Confirmation emails against an SMTP receiver on 127.0.0.1 that refuses the first attempt:
//! sent after the commit with the reference and the event's calendar, retried, and never
//! holding up the answer.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use registrations::mail::{Mailer, SmtpSettings};
use registrations::store::Store;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A small SMTP receiver: answers `fail_first` sessions with 451 at `MAIL FROM`, then takes
/// messages and keeps them.
async fn receiver(fail_first: usize, hold: Duration) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let kept = received.clone();
    tokio::spawn(async move {
        let mut sessions = 0;
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            sessions += 1;
            let refuse = sessions <= fail_first;
            let kept = kept.clone();
            tokio::spawn(async move {
                let (r, mut w) = stream.into_split();
                let mut lines = BufReader::new(r).lines();
                tokio::time::sleep(hold).await;
                w.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(d) = data.as_mut() {
                        if line == "." {
                            kept.lock().unwrap().push(std::mem::take(d));
                            data = None;
                            w.write_all(b"250 kept\r\n").await.unwrap();
                        } else {
                            d.push_str(&line);
                            d.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-test\r\n250 8BITMIME\r\n",
                        "MAIL" if refuse => b"451 try again later\r\n",
                        "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        "QUIT" => {
                            let _ = w.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"502 no\r\n",
                    };
                    if w.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn a_confirmation_is_sent_after_the_commit_and_retried() {
    // The receiver takes 1.5 s to greet: the answer must not wait for it.
    let (port, received) = receiver(1, Duration::from_millis(1500)).await;
    for db in databases().await {
        received.lock().unwrap().clear();
        let (store, writer) = Store::open(&db.url).await.unwrap();
        let settings = SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            tls: "none".into(),
            credentials: None,
            from: "Istio events <events@example.org>".into(),
            attempts: 4,
            first_retry: Duration::from_millis(100),
        };
        let (mailer, _task) = Mailer::start(settings, store.clone()).unwrap();
        let s = start_with(store, writer, common::settings(), Some(mailer)).await;
        let started = Instant::now();
        let b = valid("fixture", &key(), "Zoë Ådahl-Nguyễn");
        let a = register(&s.base, "fixture", &b).await;
        assert_eq!(a.status, 201);
        assert!(started.elapsed() < Duration::from_millis(1000), "the answer waited for the email: {:?}", started.elapsed());
        // A repeat sends no second email.
        assert_eq!(register(&s.base, "fixture", &b).await.status, 201);
        let k = a.json()["reference"].as_str().unwrap().to_owned();
        let deadline = Instant::now() + Duration::from_secs(20);
        while received.lock().unwrap().is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mails = received.lock().unwrap().clone();
        assert_eq!(mails.len(), 1, "{}: one confirmation, after one refused attempt", db.name);
        let mail = &mails[0];
        assert!(mail.contains(&k), "the reference is in it");
        assert!(mail.contains("To: ") && mail.contains("zoe@example.com"));
        assert!(mail.contains("text/calendar"), "the event's calendar is attached");
        assert!(mail.contains("Subject: Registered: Fixture Con"), "{mail}");
        s.stop().await;
    }
}
