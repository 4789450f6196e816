//! `content import --photos` against a real HTTP server on 127.0.0.1 (a thread of this test):
//! a Sessionize export and a pretalx export (fixtures/import/exports/*-photos-*.json, whose
//! addresses name `http://127.0.0.1:PORT`) whose photos are a PNG, a JPEG behind a redirect, a
//! WebP, a 404, a web page and a file over 5 MB. The photos that download are saved beside the
//! speaker files under names from their format and named in `image`; the others are warnings
//! that keep the address; a dry run downloads nothing; importing again changes nothing; a photo
//! replaced by hand is kept; a failing import writes nothing; `content check` passes.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use events_content::import::photos::{fingerprint, Downloader, MAX_BYTES};
use events_content::{compile, site};
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// The server.

/// One answer of the server.
#[derive(Clone)]
struct Reply {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
    /// Whether it says its length (`Content-Length`); without, the body ends when the
    /// connection closes.
    length: bool,
}

impl Reply {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply { status: 200, content_type, location: None, body, length: true }
    }

    fn redirect(status: u16, to: &str) -> Reply {
        Reply { status, content_type: "text/html", location: Some(to.to_owned()), body: b"moved".to_vec(), length: true }
    }
}

/// An HTTP/1.1 server on 127.0.0.1 answering GETs from `routes` (404 for anything else), one
/// connection at a time, each closed after its answer; `log` has every path asked for.
struct Server {
    base: String,
    routes: Arc<Mutex<BTreeMap<String, Reply>>>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<BTreeMap<String, Reply>>> = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                answer(stream, &r, &l);
            }
        });
        Server { base, routes, log }
    }

    fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_owned(), reply);
    }

    /// The paths asked for since the last call.
    fn asked(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

fn answer(mut stream: TcpStream, routes: &Mutex<BTreeMap<String, Reply>>, log: &Mutex<Vec<String>>) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut request = Vec::new();
    let mut buf = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split(' ').nth(1).unwrap_or("/").to_owned();
    log.lock().unwrap().push(path.clone());
    let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or(Reply { status: 404, content_type: "text/plain", location: None, body: b"not found".to_vec(), length: true });
    let reason = match reply.status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        _ => "Whatever",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nConnection: close\r\n", reply.status, reply.content_type);
    if reply.length {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    if let Some(to) = &reply.location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    // The client may hang up early (a body over the limit): that is not the server's problem.
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&reply.body));
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

// ---------------------------------------------------------------------------------------------
// Photos, folders and the command.

/// A generated `w`x`h` photo (a gradient with stripes, coloured by `seed`) as `format`.
fn photo(w: u32, h: u32, seed: u8, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let stripe = if (x / 20 + y / 20) % 4 == 0 { 50 } else { 0 };
        Rgb([((x * 220 / w) as u8).wrapping_add(seed).saturating_sub(stripe), ((y * 220 / h) as u8).wrapping_add(seed / 2), seed.wrapping_mul(5)])
    });
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img).write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// Runs the `content` binary (without proxies from the environment: the server is local).
fn content(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_content"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1900000000")
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Every file under `dir` with its bytes, in path order.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The export `name` with its addresses on `server`, written into `tmp`; returns its path.
fn export(name: &str, server: &Server, tmp: &TempDir) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/exports").join(name);
    let text = fs::read_to_string(fixture).unwrap().replace("http://127.0.0.1:PORT", &server.base);
    let path = tmp.path().join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// `content new-event` in a fresh temporary folder; returns it and the event's folder.
fn new_event(slug: &str, name: &str, day: &str, zone: &str) -> (TempDir, PathBuf) {
    let tmp = tempfile::Builder::new().prefix(&format!("events-photos-{slug}-")).tempdir().unwrap();
    let root = tmp.path().join("content");
    let (ok, out, err) = content(&["new-event", slug, "--name", name, "--start", day, "--end", day, "--timezone", zone, "--in", &root.display().to_string()]);
    assert!(ok, "{out}{err}");
    let dir = root.join(slug);
    (tmp, dir)
}

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The speakers of the one event in `dir` that have a photo, by name.
fn with_photos(dir: &Path) -> Vec<String> {
    let site = site::load(dir).unwrap();
    assert_eq!(site.diagnostics.errors(), 0);
    let event = compile::compile(&site).events.into_iter().next().unwrap();
    let mut names: Vec<String> = event.speakers.iter().filter(|s| s.photo.is_some()).map(|s| s.name.clone()).collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn a_sessionize_export_with_photos_to_download() {
    let server = Server::start();
    let ada = photo(256, 256, 10, ImageFormat::Png);
    let bea = photo(300, 240, 60, ImageFormat::Jpeg);
    server.route("/image/ada-400o400o1.png", Reply::ok("image/png", ada.clone()));
    // The address says .png; what it redirects to is a JPEG, saved as .jpg.
    server.route("/image/bea-400o400o1.png", Reply::redirect(302, "/cdn/bea-costa"));
    server.route("/cdn/bea-costa", Reply::ok("image/jpeg", bea.clone()));
    // /image/cem-gone.jpg is not there: 404.
    server.route("/image/dan-page.jpg", Reply::ok("text/html", b"<!doctype html><title>Sign in</title><p>Sign in to see this photo.".to_vec()));
    // Over 5 MB, without saying so first: the download stops at the limit.
    let mut huge = photo(256, 256, 90, ImageFormat::Jpeg);
    huge.resize(MAX_BYTES as usize + 1024, 0);
    server.route("/image/eve-huge.jpg", Reply { length: false, ..Reply::ok("image/jpeg", huge) });

    let (tmp, dir) = new_event("istio-day-porto-2031", "Istio Day Porto 2031", "2031-06-10", "Europe/Lisbon");
    let export = export("sessionize-photos-porto.json", &server, &tmp);
    let event_dir = dir.display().to_string();
    let speaker = |slug: &str| dir.join("speakers").join(slug).display().to_string();
    let base = &server.base;

    // The dry run says what it would download, downloads nothing and writes nothing.
    let before = snapshot(&dir);
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--dry-run", "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains(&format!("would download the photo of `Ada Okafor` from {base}/image/ada-400o400o1.png (for {})\n", speaker("ada-okafor.md"))), "{out}");
    assert_eq!(out.matches("would download the photo of ").count(), 5, "{out}");
    assert!(out.contains("photos: would download 5; a dry run downloads nothing\n"), "{out}");
    assert!(out.ends_with("check after the import: 0 errors, 5 warnings\n"), "{out}");
    assert_eq!(server.asked(), Vec::<String>::new());
    assert_eq!(before, snapshot(&dir));

    // The import downloads them: two files, three warnings naming the speaker and the address.
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains(&format!("add {} (the photo of `Ada Okafor`, from {base}/image/ada-400o400o1.png)\n", speaker("ada-okafor.png"))), "{out}");
    assert!(out.contains(&format!("add {} (the photo of `Bea Costa`, from {base}/image/bea-400o400o1.png)\n", speaker("bea-costa.jpg"))), "{out}");
    let warning = |name: &str, file: &str, url: &str, why: &str| {
        format!("warning: speaker `{name}` ({}): the photo {base}{url} was not downloaded: {why}; the address stays in the file for review\n  help: ", speaker(file))
    };
    assert!(out.contains(&warning("Cem Yılmaz", "cem-yilmaz.md", "/image/cem-gone.jpg", "the server answered 404")), "{out}");
    assert!(out.contains(&warning("Dan Reis", "dan-reis.md", "/image/dan-page.jpg", "it is not an image")), "{out}");
    assert!(out.contains(&warning("Eve Moreau", "eve-moreau.md", "/image/eve-huge.jpg", "it is over 5 MB")), "{out}");
    assert!(out.contains("photos: 5 in the export to download; added 2, updated 0, unchanged 0; not downloaded 3\n"), "{out}");
    assert!(out.trim_end().ends_with("; 0 errors, 3 warnings"), "{out}");
    assert_eq!(fs::read(dir.join("speakers/ada-okafor.png")).unwrap(), ada);
    assert_eq!(fs::read(dir.join("speakers/bea-costa.jpg")).unwrap(), bea);
    let ada_md = read(&dir, "speakers/ada-okafor.md");
    assert!(
        ada_md.contains(&format!("image: \"ada-okafor.png\"\nimport_id: \"sessionize:5e551017-0000-4000-8000-000000000001\"\nimport_photo: \"{}\"\n", fingerprint(&ada))),
        "{ada_md}"
    );
    assert!(read(&dir, "speakers/bea-costa.md").contains("image: \"bea-costa.jpg\"\n"));
    assert!(read(&dir, "speakers/cem-yilmaz.md").contains(&format!("image: \"{base}/image/cem-gone.jpg\"\n")));
    assert!(!read(&dir, "speakers/cem-yilmaz.md").contains("import_photo"));
    let photo_files: Vec<PathBuf> = snapshot(&dir).into_iter().map(|(p, _)| p).filter(|p| p.extension().is_some_and(|e| e != "md")).collect();
    assert_eq!(photo_files, [PathBuf::from("speakers/ada-okafor.png"), PathBuf::from("speakers/bea-costa.jpg")]);

    // The check passes: its warnings are the three addresses left for review.
    let (ok, out, err) = content(&["check", &event_dir]);
    assert!(ok && out.trim_end().ends_with("; 0 errors, 3 warnings"), "{out}{err}");
    assert_eq!(out.matches("is a web address; the build does not download photos").count(), 3, "{out}");
    assert_eq!(with_photos(&dir), ["Ada Okafor", "Bea Costa"]);

    // Again: the photos are downloaded again, are the same, and nothing changes.
    server.asked();
    let after = snapshot(&dir);
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("files: added 0, updated 0,"), "{out}");
    assert!(out.contains("photos: 5 in the export to download; added 0, updated 0, unchanged 2; not downloaded 3\n"), "{out}");
    assert_eq!(after, snapshot(&dir));
    let mut asked = server.asked();
    asked.sort();
    assert_eq!(asked, ["/cdn/bea-costa", "/image/ada-400o400o1.png", "/image/bea-400o400o1.png", "/image/cem-gone.jpg", "/image/dan-page.jpg", "/image/eve-huge.jpg"]);

    // Ada changed her photo in Sessionize: the file the import wrote follows it.
    let ada2 = photo(256, 256, 20, ImageFormat::Png);
    server.route("/image/ada-400o400o1.png", Reply::ok("image/png", ada2.clone()));
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains(&format!("update {} (the photo of `Ada Okafor`", speaker("ada-okafor.png"))), "{out}");
    assert!(out.contains(&format!("update {} (import_photo)\n", speaker("ada-okafor.md"))), "{out}");
    assert_eq!(fs::read(dir.join("speakers/ada-okafor.png")).unwrap(), ada2);
    assert!(read(&dir, "speakers/ada-okafor.md").contains(&format!("import_photo: \"{}\"\n", fingerprint(&ada2))));

    // Her address fails this time: the photo downloaded before is kept, and nothing changes.
    server.route("/image/ada-400o400o1.png", Reply { status: 500, ..Reply::ok("text/plain", b"busy".to_vec()) });
    let before = snapshot(&dir);
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!("warning: speaker `Ada Okafor` ({}): the photo {base}/image/ada-400o400o1.png was not downloaded: the server answered 500; {} is kept\n", speaker("ada-okafor.md"), speaker("ada-okafor.png"))),
        "{out}"
    );
    assert!(out.contains("files: added 0, updated 0,") && out.contains("added 0, updated 0, unchanged 1; not downloaded 4\n"), "{out}");
    assert_eq!(before, snapshot(&dir));

    // The organizer replaced Bea's photo by hand, and pointed Ada's `image` at a file of theirs:
    // both are kept, and neither is downloaded.
    let by_hand = photo(320, 320, 200, ImageFormat::Jpeg);
    fs::write(dir.join("speakers/bea-costa.jpg"), &by_hand).unwrap();
    fs::write(dir.join("speakers/ada-at-kubecon.jpg"), &by_hand).unwrap();
    let ada_md = dir.join("speakers/ada-okafor.md");
    fs::write(&ada_md, read(&dir, "speakers/ada-okafor.md").replace("image: \"ada-okafor.png\"", "image: \"ada-at-kubecon.jpg\"")).unwrap();
    server.asked();
    let edited = snapshot(&dir);
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains(&format!("note: speaker `Bea Costa` ({}): its photo {} was changed by hand, so it is kept", speaker("bea-costa.md"), speaker("bea-costa.jpg"))), "{out}");
    assert!(out.contains(&format!("note: speaker `Ada Okafor` ({}): its photo {} was changed by hand", speaker("ada-okafor.md"), speaker("ada-at-kubecon.jpg"))), "{out}");
    assert!(out.contains("files: added 0, updated 0,") && out.contains("added 0, updated 0, unchanged 0; not downloaded 3\n"), "{out}");
    assert_eq!(edited, snapshot(&dir));
    let asked = server.asked();
    assert!(!asked.iter().any(|p| p.contains("ada") || p.contains("bea")), "{asked:?}");

    // Without --photos, as before: the files' photos are kept, the addresses stay addresses.
    let (ok, out, err) = content(&["import", "sessionize", &export, &event_dir]);
    assert!(ok && out.contains("files: added 0, updated 0,") && !out.contains("photos:"), "{out}{err}");
    assert_eq!(edited, snapshot(&dir));
    assert!(server.asked().is_empty());
    drop(tmp);
}

#[test]
fn an_import_with_photos_that_would_not_pass_the_check_writes_no_photo() {
    let server = Server::start();
    server.route("/image/ada-400o400o1.png", Reply::ok("image/png", photo(256, 256, 10, ImageFormat::Png)));
    // The event is on the day after the sessions: every session is outside it.
    let (tmp, dir) = new_event("istio-day-porto-2031", "Istio Day Porto 2031", "2031-06-11", "Europe/Lisbon");
    let export = export("sessionize-photos-porto.json", &server, &tmp);
    let before = snapshot(&dir);
    let (ok, out, err) = content(&["import", "sessionize", &export, &dir.display().to_string(), "--photos"]);
    assert!(!ok, "{out}{err}");
    assert!(err.contains("so nothing was written"), "{err}");
    assert_eq!(before, snapshot(&dir));
}

#[test]
fn a_pretalx_export_with_avatars_to_download() {
    let server = Server::start();
    let fay = photo(240, 240, 30, ImageFormat::WebP);
    let gus = photo(400, 300, 120, ImageFormat::Jpeg);
    server.route("/media/avatars/FAY7QX_k2j4.webp", Reply::ok("image/webp", fay.clone()));
    server.route("/media/avatars/GUS3MZ_x9q1.png", Reply::redirect(301, &format!("{}/media/avatars/resized/GUS3MZ.jpeg", server.base)));
    server.route("/media/avatars/resized/GUS3MZ.jpeg", Reply::ok("image/jpeg", gus.clone()));

    let (tmp, dir) = new_event("istio-day-denver-2031", "Istio Day Denver 2031", "2031-09-15", "America/Denver");
    let export = export("pretalx-schedule-photos-denver.json", &server, &tmp);
    let event_dir = dir.display().to_string();
    let (ok, out, err) = content(&["import", "pretalx", &export, &event_dir, "--dry-run", "--photos"]);
    assert!(ok && out.contains("photos: would download 3; a dry run downloads nothing\n"), "{out}{err}");
    assert!(server.asked().is_empty());

    let (ok, out, err) = content(&["import", "pretalx", &export, &event_dir, "--photos"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("photos: 3 in the export to download; added 2, updated 0, unchanged 0; not downloaded 1\n"), "{out}");
    assert!(out.contains(&format!("warning: speaker `Ivy Chen` ({}): the photo {}/media/avatars/IVY2WT_gone.jpg was not downloaded: the server answered 404; the address stays in the file for review", dir.join("speakers/ivy-chen.md").display(), server.base)), "{out}");
    assert!(out.trim_end().ends_with("; 0 errors, 1 warnings"), "{out}");
    assert_eq!(fs::read(dir.join("speakers/fay-lindgren.webp")).unwrap(), fay);
    assert_eq!(fs::read(dir.join("speakers/gus-ferreira.jpg")).unwrap(), gus);
    assert!(read(&dir, "speakers/fay-lindgren.md").contains(&format!("image: \"fay-lindgren.webp\"\nimport_id: \"pretalx:FAY7QX\"\nimport_photo: \"{}\"\n", fingerprint(&fay))));
    assert!(read(&dir, "speakers/gus-ferreira.md").contains("image: \"gus-ferreira.jpg\"\n"));
    // Hal's avatar is empty, as in pretalx's exports of speakers without one: no `image`.
    assert!(!read(&dir, "speakers/hal-novak.md").contains("image:"));
    let (ok, out, err) = content(&["check", &event_dir]);
    assert!(ok && out.trim_end().ends_with("; 0 errors, 1 warnings"), "{out}{err}");
    assert_eq!(with_photos(&dir), ["Fay Lindgren", "Gus Ferreira"]);

    let after = snapshot(&dir);
    let (ok, out, err) = content(&["import", "pretalx", &export, &event_dir, "--photos"]);
    assert!(ok && out.contains("files: added 0, updated 0,") && out.contains("unchanged 2; not downloaded 1\n"), "{out}{err}");
    assert_eq!(after, snapshot(&dir));
}

#[test]
fn the_downloader_follows_redirects_and_refuses_what_it_should() {
    let server = Server::start();
    let png = photo(200, 200, 1, ImageFormat::Png);
    server.route("/a.png", Reply::ok("image/png", png.clone()));
    server.route("/hop", Reply::redirect(302, "/a.png"));
    server.route("/loop", Reply::redirect(302, "/loop"));
    let big = vec![0u8; MAX_BYTES as usize + 1];
    server.route("/big-said", Reply::ok("image/jpeg", big.clone()));
    server.route("/big-unsaid", Reply { length: false, ..Reply::ok("image/jpeg", big) });
    server.route("/error", Reply { status: 500, ..Reply::ok("text/plain", b"oops".to_vec()) });
    let d = Downloader::new();
    let url = |p: &str| format!("{}{p}", server.base);
    assert_eq!(d.get(&url("/a.png")).as_deref(), Ok(png.as_slice()));
    assert_eq!(d.get(&url("/hop")).as_deref(), Ok(png.as_slice()));
    assert_eq!(d.get(&url("/loop")), Err("more than 5 redirects".to_owned()));
    assert_eq!(d.get(&url("/big-said")), Err("it is over 5 MB".to_owned()));
    assert_eq!(d.get(&url("/big-unsaid")), Err("it is over 5 MB".to_owned()));
    assert_eq!(d.get(&url("/error")), Err("the server answered 500".to_owned()));
    assert_eq!(d.get(&url("/nothing")), Err("the server answered 404".to_owned()));
    assert!(d.get("file:///etc/passwd").unwrap_err().starts_with("only http and https addresses are downloaded"));
    assert!(d.get("ftp://127.0.0.1/a.png").unwrap_err().starts_with("only http and https addresses are downloaded"));
}
