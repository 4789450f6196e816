//! The site's Content-Security-Policy, computed from the built pages and written once for every
//! host.
//!
//! The pages inline what must arrive in their first round trip (the stylesheet, the loader
//! script, Leptos' hydration globals, an event's JSON-LD). A strict policy allows inline code
//! only by hash, so after every page is written [`write`] reads them back, hashes each inline
//! `<script>` the browser runs and each `<style>` exactly as the browser will (SHA-256,
//! base64), and writes:
//!
//! | file | for |
//! |---|---|
//! | `csp.nginx.conf` | nginx: `add_header` lines that `deploy/nginx.conf` includes |
//! | `_headers` | Netlify and Cloudflare Pages: the same headers, plus caching |
//! | `<meta http-equiv="Content-Security-Policy">` in each page | hosts that send no headers (GitHub Pages) |
//!
//! One policy for the whole site, not one per page: nginx and `_headers` send one set of headers
//! for every page (a per-page header would need a rule per address), and the union of every
//! page's hashes is a handful (one stylesheet, the loader variants, the hydration globals).
//! JSON-LD is a data block, never run, so it needs no hash (see [`runs`]).
//! The `<meta>` copy is the same policy without `frame-ancestors` (browsers ignore it there
//! and warn). A page with both enforces both, and since they allow the same, nothing changes.
//!
//! Registration endpoints (`registration.endpoint` in `data/events/<slug>.json`) are added to
//! `connect-src` and `form-action` by origin. So is the visitor's own computer on any port
//! (`http://127.0.0.1:*`, `http://localhost:*`), because `?preview-endpoint=` sends a form's
//! registrations there (only there: see `events_model::registration::is_loopback_url`); that
//! reaches nothing off the visitor's machine. (`[::1]` cannot be written in a CSP source, so a
//! preview endpoint on `http://[::1]:PORT` is refused by the browser.)

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use events_model::{DataFile, Event, SitePath};
use lol_html::html_content::ContentType;
use lol_html::{element, end_tag, rewrite_str, text};
use sha2::{Digest, Sha256};

use crate::BuildError;

/// The headers every response gets besides the policy: no MIME sniffing, the origin only in
/// referrers to other sites, and no powerful features (the site uses none of them).
pub const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), \
         geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), \
         picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), sync-xhr=(), usb=(), \
         xr-spatial-tracking=()",
    ),
];

/// The origins `?preview-endpoint=` may send to: this computer, any port.
pub const PREVIEW_ORIGINS: [&str; 2] = ["http://127.0.0.1:*", "http://localhost:*"];

/// The file nginx includes (inside its `server` block), written into the site's folder.
pub const NGINX_INCLUDE: &str = "csp.nginx.conf";

/// The CSP source for `content`: `'sha256-<base64 of its SHA-256>'`.
pub fn sha256_source(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The hash sources of one page's inline code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// Every `<script>` without `src` that the browser runs ([`runs`]: classic scripts,
    /// modules), not data blocks such as JSON-LD.
    pub scripts: BTreeSet<String>,
    /// Those scripts' texts that are not the site's own ([`OwnScripts`]), when
    /// [`inline_code_of`] was told which are.
    pub foreign_scripts: Vec<String>,
    /// Every `<style>` element.
    pub styles: BTreeSet<String>,
    /// How many elements have a `style` attribute: the policy blocks them (no
    /// `'unsafe-inline'`), so the build fails on any (see [`write`]).
    pub style_attributes: usize,
    /// How many elements have an event handler attribute (`onclick=` ...): blocked too.
    pub handler_attributes: usize,
}

/// Whether a `<script type>` is one the browser runs, so the policy governs it: classic
/// scripts (no type, or a JavaScript MIME type), modules, import maps and speculation rules.
/// Any other type (`application/ld+json`, `application/json`) is a data block, which the
/// browser never runs and CSP does not check; its hash would only widen `script-src` with text
/// the content wrote, and add bytes to every page's `<meta>`.
pub fn runs(script_type: Option<&str>) -> bool {
    let Some(t) = script_type else { return true };
    let t = t.trim().to_ascii_lowercase();
    let essence = t.split(';').next().unwrap_or("").trim();
    matches!(essence, "" | "module" | "importmap" | "speculationrules")
        || matches!(
            essence,
            "application/ecmascript" | "application/javascript" | "application/x-ecmascript" | "application/x-javascript"
                | "text/ecmascript" | "text/javascript" | "text/javascript1.0" | "text/javascript1.1" | "text/javascript1.2"
                | "text/javascript1.3" | "text/javascript1.4" | "text/javascript1.5" | "text/jscript" | "text/livescript"
                | "text/x-ecmascript" | "text/x-javascript"
        )
}

/// The inline scripts and styles of `html`, found by an HTML tokenizer (so text that merely
/// looks like a tag, in an attribute or a comment, is not taken for one).
pub fn inline_code(html: &str) -> Result<Inline, lol_html::errors::RewritingError> {
    inline_code_of(html, None)
}

/// What a page's inline code is, as [`scan`] finds it.
#[derive(Default)]
struct Found {
    /// The texts of the runnable inline scripts.
    scripts: Vec<String>,
    /// The texts of the `<style>` elements.
    styles: Vec<String>,
    /// How many elements have a `style` attribute.
    style_attributes: usize,
    /// How many elements have an event-handler attribute.
    handler_attributes: usize,
}

/// Every runnable inline `<script>`'s text and every `<style>`'s text of `html`, and its
/// `style` and event-handler attributes. The text of an element is collected from the
/// tokenizer's chunks and kept at its end tag (an empty element has an empty text).
fn scan(html: &str) -> Result<Found, lol_html::errors::RewritingError> {
    // The element being read (`true`: a runnable script, `false`: a style) and its text so far.
    let reading: std::rc::Rc<RefCell<Option<(bool, String)>>> = Default::default();
    let found: std::rc::Rc<RefCell<Found>> = Default::default();
    let settings = crate::rewriting(vec![
            element!("*", |el| {
                let mut f = found.borrow_mut();
                f.style_attributes += usize::from(el.has_attribute("style"));
                f.handler_attributes += usize::from(el.attributes().iter().any(|a| a.name().len() > 2 && a.name().to_ascii_lowercase().starts_with("on")));
                let script = match el.tag_name().as_str() {
                    "script" if !el.has_attribute("src") && runs(el.get_attribute("type").as_deref()) => true,
                    "style" => false,
                    _ => return Ok(()),
                };
                *reading.borrow_mut() = Some((script, String::new()));
                let (reading, found) = (reading.clone(), found.clone());
                el.on_end_tag(end_tag!(move |_| {
                    if let Some((script, text)) = reading.borrow_mut().take() {
                        let mut f = found.borrow_mut();
                        if script { f.scripts.push(text) } else { f.styles.push(text) }
                    }
                    Ok(())
                }))
            }),
            text!("script, style", |chunk| {
                if let Some((_, text)) = reading.borrow_mut().as_mut() {
                    text.push_str(chunk.as_str());
                }
                Ok(())
            }),
        ]);
    rewrite_str(html, settings)?;
    Ok(std::mem::take(&mut *found.borrow_mut()))
}

/// [`inline_code`], also listing in [`Inline::foreign_scripts`] each runnable inline script
/// that is not one of `own`.
pub fn inline_code_of(html: &str, own: Option<&OwnScripts>) -> Result<Inline, lol_html::errors::RewritingError> {
    let Found { scripts, styles, style_attributes, handler_attributes } = scan(html)?;
    let mut inline = Inline { style_attributes, handler_attributes, ..Inline::default() };
    for text in scripts {
        if own.is_some_and(|own| !own.allows(&text)) {
            inline.foreign_scripts.push(text.clone());
        }
        inline.scripts.insert(sha256_source(&text));
    }
    inline.styles = styles.iter().map(|t| sha256_source(t)).collect();
    Ok(inline)
}

/// The inline scripts the site itself writes: those of Trunk's `index.html` (the loader) and
/// those the prerenderer adds (Leptos' hydration globals). [`write`] hashes only these: an
/// inline script found in a built page that is none of them came from somewhere else (text of
/// the content that escaped its element) and fails the build, instead of being allowed by a
/// hash taken from the output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnScripts {
    /// Their texts, with Trunk's hashed file names made alike ([`same_names`]).
    texts: BTreeSet<String>,
}

impl OwnScripts {
    /// The runnable inline scripts of each of `html` (Trunk's page, the prerenderer's snippets).
    pub fn from_html(html: &[&str]) -> Result<OwnScripts, lol_html::errors::RewritingError> {
        let mut texts = BTreeSet::new();
        for page in html {
            texts.extend(scan(page)?.scripts);
        }
        Ok(OwnScripts { texts })
    }

    /// Whether `script` (an inline script's text) is one of them.
    pub fn allows(&self, script: &str) -> bool {
        self.texts.contains(script)
    }
}

/// The origin of an `http:`/`https:` address as a CSP source (`https://example.org`,
/// `http://127.0.0.1:8123`), lower case, read by the `url` crate as a browser reads it. `None`
/// for anything else, for an address with a user name, and for a host that a CSP source cannot
/// hold (an IPv6 address, characters beyond letters, digits, dashes and dots), so content can
/// never add a directive to the policy.
pub fn origin(address: &str) -> Option<String> {
    let url = url::Url::parse(address.trim()).ok()?;
    if !matches!(url.scheme(), "https" | "http") || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let host = match url.host()? {
        url::Host::Domain(d) => d.to_owned(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(_) => return None,
    };
    let host_ok = host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    host_ok.then(|| url.origin().ascii_serialization())
}

/// The site's policy: the hashes of every page's inline code and the registration endpoints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Hash sources of inline scripts.
    pub scripts: BTreeSet<String>,
    /// Hash sources of inline styles.
    pub styles: BTreeSet<String>,
    /// Origins of the registration endpoints.
    pub endpoints: BTreeSet<String>,
}

impl Policy {
    /// Adds one page's inline code.
    pub fn add(&mut self, inline: &Inline) {
        self.scripts.extend(inline.scripts.iter().cloned());
        self.styles.extend(inline.styles.iter().cloned());
    }

    /// The directives in order, each with its sources. `for_meta` leaves out
    /// `frame-ancestors`, which a `<meta>` policy cannot set.
    pub fn directives(&self, for_meta: bool) -> Vec<(&'static str, Vec<String>)> {
        let own = |extra: &[&str]| -> Vec<String> { std::iter::once("'self'").chain(extra.iter().copied()).map(str::to_owned).collect() };
        let with = |mut list: Vec<String>, more: &BTreeSet<String>| {
            list.extend(more.iter().cloned());
            list
        };
        let endpoints = || self.endpoints.iter().cloned();
        let mut out = vec![
            ("default-src", own(&[])),
            ("script-src", with(own(&["'wasm-unsafe-eval'"]), &self.scripts)),
            ("style-src", with(own(&[]), &self.styles)),
            ("connect-src", own(&[]).into_iter().chain(endpoints()).chain(PREVIEW_ORIGINS.map(str::to_owned)).collect()),
            ("img-src", own(&["data:"])),
            // The service worker and the web app manifest (offline.rs): the site's own only.
            ("worker-src", own(&[])),
            ("manifest-src", own(&[])),
            ("base-uri", vec!["'none'".to_owned()]),
            ("form-action", own(&[]).into_iter().chain(endpoints()).collect()),
            ("frame-ancestors", vec!["'none'".to_owned()]),
            ("object-src", vec!["'none'".to_owned()]),
        ];
        if for_meta {
            out.retain(|(name, _)| *name != "frame-ancestors");
        }
        out
    }

    fn render(&self, for_meta: bool) -> String {
        self.directives(for_meta).iter().map(|(name, sources)| format!("{name} {}", sources.join(" "))).collect::<Vec<_>>().join("; ")
    }

    /// The `Content-Security-Policy` header's value.
    pub fn header(&self) -> String {
        self.render(false)
    }

    /// The value of the `<meta http-equiv="Content-Security-Policy">` fallback (no
    /// `frame-ancestors`).
    pub fn meta(&self) -> String {
        self.render(true)
    }
}

/// nginx's `add_header` lines: the policy and [`SECURITY_HEADERS`], `always` so error pages
/// get them too. nginx drops a level's `add_header`s where a `location` adds its own, so
/// `deploy/nginx.conf` includes this file in every `location` that sets headers.
pub fn nginx_include(policy: &Policy) -> String {
    let mut out = String::from("# Written by the build (crates/build/src/csp.rs): the Content-Security-Policy and security headers.\n");
    let quoted = |v: &str| v.replace('\\', "\\\\").replace('"', "\\\"");
    out.push_str(&format!("add_header Content-Security-Policy \"{}\" always;\n", quoted(&policy.header())));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("add_header {name} \"{}\" always;\n", quoted(value)));
    }
    out
}

/// The `_headers` file of Netlify and Cloudflare Pages: the policy and security headers on
/// every address, and Trunk's hashed files (`<name>-<hash>.js`, `_bg.wasm`) and the photos
/// (`/photos/*`, named by content hash) cached for a year as immutable. Everything else keeps both hosts' default, `public, max-age=0,
/// must-revalidate` (checked again on each visit, as `no-cache`): a `Cache-Control` under `/*`
/// would be merged into the hashed files' own (both hosts combine every matching rule), and
/// Cloudflare's `! Header` line that drops one is an invalid rule to Netlify. Netlify and
/// Cloudflare both serve `404.html` from the root with status 404 for an unknown address, with
/// no rule needed.
pub fn headers_file(policy: &Policy, hashed_files: &[String]) -> String {
    let mut out = String::from("# Written by the build (crates/build/src/csp.rs) for Netlify and Cloudflare Pages.\n/*\n");
    out.push_str(&format!("  Content-Security-Policy: {}\n", policy.header()));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for file in hashed_files {
        out.push_str(&format!("/{file}\n  Cache-Control: public, max-age=31536000, immutable\n"));
    }
    // The photos' names carry a hash of their bytes (crates/content/src/photos.rs).
    out.push_str("/photos/*\n  Cache-Control: public, max-age=31536000, immutable\n");
    // The service worker is checked on every visit, so a new deploy is found at once.
    out.push_str("/sw.js\n  Cache-Control: no-cache\n");
    out
}

/// Whether a file name at the top of the site is one of Trunk's hashed ones
/// (`istio-events-site-<hex>.js`, `..._bg.wasm`; Trunk writes the 64-bit hash without leading
/// zeros, so up to 16 digits): its content never changes under it. The same rule as
/// `deploy/nginx.conf`'s.
pub fn is_hashed_name(name: &str) -> bool {
    let stem = name.strip_suffix("_bg.wasm").or_else(|| name.strip_suffix(".js")).or_else(|| name.strip_suffix(".css"));
    let Some(stem) = stem else { return false };
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    (8..=16).contains(&hash.len()) && hash.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

/// `html` (the page at `path`) with the policy as a `<meta http-equiv>` right after
/// `<meta charset>` (or at the start of `<head>`), ahead of every script and style it governs
/// (a meta policy applies only to what follows it).
pub fn with_meta(path: &Path, html: &str, policy: &Policy) -> Result<String, BuildError> {
    let tag = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", policy.meta().replace('&', "&amp;").replace('"', "&quot;"));
    let placed = std::cell::Cell::new(false);
    let has_charset = html_has(path, html, "head meta[charset]")?;
    let settings = crate::rewriting(vec![
            element!("head meta[charset]", |el| {
                if !placed.replace(true) {
                    el.after(&tag, ContentType::Html);
                }
                Ok(())
            }),
            element!("head", |el| {
                if !has_charset && !placed.replace(true) {
                    el.prepend(&tag, ContentType::Html);
                }
                Ok(())
            }),
        ]);
    let out = rewrite_str(html, settings).map_err(BuildError::html(path))?;
    if !placed.get() {
        return Err(BuildError::page(path, "no <head> to put the Content-Security-Policy in"));
    }
    Ok(out)
}

/// Whether `html` has an element that `selector` matches.
fn html_has(path: &Path, html: &str, selector: &str) -> Result<bool, BuildError> {
    let found = std::cell::Cell::new(false);
    let settings = crate::rewriting(vec![element!(selector, |_| {
            found.set(true);
            Ok(())
        })]);
    rewrite_str(html, settings).map_err(BuildError::html(path))?;
    Ok(found.get())
}

/// Every `.html` file under `dir`, sorted.
fn html_files(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(BuildError::io(&d))? {
            let path = entry.map_err(BuildError::io(&d))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The origins of the registration endpoints of `events` (the site's events, whose data is
/// under `dir`); an endpoint that is not a plain `http(s)` address is an error naming its file.
pub fn endpoint_origins(dir: &Path, events: &[Event]) -> Result<BTreeSet<String>, BuildError> {
    let mut origins = BTreeSet::new();
    for event in events {
        if let Some(endpoint) = event.registration.as_ref().and_then(|r| r.endpoint.as_deref()) {
            let file = dir.join(DataFile::Event(event.summary.slug.clone()).path().trim_start_matches('/'));
            let o = origin(endpoint).ok_or_else(|| BuildError::page(&file, format!("the registration endpoint {endpoint:?} is not an http(s) address")))?;
            origins.insert(o);
        }
    }
    Ok(origins)
}

/// Reads every page under `dir` (after prerendering), computes the site's policy (with the
/// registration endpoints of `events`), puts it into each page as a `<meta>` and writes
/// [`NGINX_INCLUDE`] and `_headers`. Fails, naming the page, on an inline script that is not
/// one of `own` (content that escaped its element would otherwise be allowed by its own hash)
/// and on a `style` or event-handler attribute (the policy would block it; in the site's own
/// markup there is none). Returns the number of pages.
pub fn write(dir: &Path, events: &[Event], own: &OwnScripts) -> Result<usize, BuildError> {
    let pages = html_files(dir)?;
    let mut policy = Policy { endpoints: endpoint_origins(dir, events)?, ..Policy::default() };
    let mut texts = Vec::with_capacity(pages.len());
    for page in &pages {
        let html = crate::read(page)?;
        let inline = inline_code_of(&html, Some(own)).map_err(BuildError::html(page))?;
        if let Some(script) = inline.foreign_scripts.first() {
            let start: String = script.chars().take(100).collect();
            return Err(BuildError::page(
                page,
                format!("an inline script that is not the site's own (text of the content that left its element?): {start:?}"),
            ));
        }
        if inline.style_attributes > 0 || inline.handler_attributes > 0 {
            return Err(BuildError::page(
                page,
                format!(
                    "{} style and {} event-handler attributes, which the Content-Security-Policy blocks",
                    inline.style_attributes, inline.handler_attributes
                ),
            ));
        }
        policy.add(&inline);
        texts.push(html);
    }
    for (page, html) in pages.iter().zip(&texts) {
        crate::write(page, &with_meta(page, html, &policy)?)?;
    }
    let mut hashed: Vec<String> = fs::read_dir(dir)
        .map_err(BuildError::io(dir))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_hashed_name(name))
        .collect();
    hashed.sort();
    crate::write(&dir.join(NGINX_INCLUDE), &nginx_include(&policy))?;
    crate::write(&dir.join("_headers"), &headers_file(&policy, &hashed))?;
    Ok(pages.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><style>.a{color:red}</style>\
        <script>window.x=1;</script><script type=\"module\" src=\"/app.js\"></script>\
        <meta name=\"description\" content=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></head>\
        <body><!-- <script>not a script</script> --><p title=\"<script>no</script>\">x</p>\
        <script type=\"application/ld+json\">{\"name\":\"a <\\/script>\"}</script></body></html>";

    #[test]
    fn hashes_are_base64_sha256_as_csp_writes_them() {
        // The CSP specification's own example: sha256 of `alert('Hello, world.');`.
        assert_eq!(sha256_source("alert('Hello, world.');"), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
        // Of nothing (an empty element still needs its hash).
        assert_eq!(sha256_source(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    }

    #[test]
    fn every_inline_script_and_style_is_found_and_nothing_else() {
        let inline = inline_code(PAGE).unwrap();
        assert_eq!(
            inline.scripts,
            [sha256_source("window.x=1;")].into_iter().collect(),
            "the module with src is not inline; comments and attributes hold no scripts; JSON-LD is data"
        );
        assert_eq!(inline.styles, [sha256_source(".a{color:red}")].into_iter().collect());
        assert_eq!((inline.style_attributes, inline.handler_attributes), (0, 0));
        let bad = inline_code("<p style=\"color:red\" onclick=\"x()\">a</p><img src=x ONERROR=y>").unwrap();
        assert_eq!((bad.style_attributes, bad.handler_attributes), (1, 2));
    }

    #[test]
    fn only_scripts_the_browser_runs_are_hashed() {
        for runs_ in [None, Some(""), Some("module"), Some("text/javascript"), Some(" Text/JavaScript; charset=utf-8"), Some("importmap")] {
            assert!(runs(runs_), "{runs_:?}");
        }
        for data in ["application/ld+json", "application/json", "text/plain", "text/template"] {
            assert!(!runs(Some(data)), "{data}");
        }
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert_eq!(origin("https://registration.invalid/istiocon-2022").as_deref(), Some("https://registration.invalid"));
        assert_eq!(origin("HTTPS://Reg.Example.org:8443/a?b#c").as_deref(), Some("https://reg.example.org:8443"));
        assert_eq!(origin("http://127.0.0.1:8123/register").as_deref(), Some("http://127.0.0.1:8123"));
        // An empty port is the default port, as a browser reads it (WHATWG URL).
        assert_eq!(origin("https://example.org:/").as_deref(), Some("https://example.org"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://example.org/",
            "https://",
            "https://user@example.org/",
            "https://example.org; script-src *",
            "https://example.org:80 'unsafe-inline'",
            "https://exa'mple.org/",
            "https://[::1]:8000/",
        ] {
            assert_eq!(origin(bad), None, "{bad}");
        }
    }

    fn policy() -> Policy {
        let mut p = Policy::default();
        p.add(&inline_code(PAGE).unwrap());
        p.endpoints.insert("https://registration.invalid".into());
        p
    }

    #[test]
    fn the_policy_is_the_issues_strict_one() {
        let header = policy().header();
        let directives: Vec<&str> = header.split("; ").collect();
        assert_eq!(directives[0], "default-src 'self'");
        assert!(directives[1].starts_with("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{header}");
        assert_eq!(directives[1].matches("'sha256-").count(), 1, "the classic script; not the JSON-LD");
        assert_eq!(directives[2], format!("style-src 'self' {}", sha256_source(".a{color:red}")));
        assert_eq!(directives[3], "connect-src 'self' https://registration.invalid http://127.0.0.1:* http://localhost:*");
        assert_eq!(&directives[4..], [
            "img-src 'self' data:",
            "worker-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self' https://registration.invalid",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]);
        assert!(!header.contains("unsafe-inline") && !header.contains("'unsafe-eval'"));
        let meta = policy().meta();
        assert!(!meta.contains("frame-ancestors"));
        assert_eq!(meta.split("; ").count(), 10);
    }

    #[test]
    fn the_meta_policy_precedes_every_script_and_style() {
        let here = Path::new("index.html");
        let html = with_meta(here, PAGE, &policy()).unwrap();
        let meta = html.find("http-equiv=\"Content-Security-Policy\"").unwrap();
        assert!(meta < html.find("<style").unwrap() && meta < html.find("<script").unwrap());
        assert!(html.starts_with("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv"));
        // The page is otherwise unchanged, and the meta policy parses back whole.
        let content = RefCell::new(None);
        let settings = crate::rewriting(vec![element!("meta[http-equiv=Content-Security-Policy]", |el| {
                *content.borrow_mut() = el.get_attribute("content");
                Ok(())
            })]);
        rewrite_str(&html, settings).unwrap();
        assert_eq!(content.into_inner().unwrap(), policy().meta());
        assert_eq!(inline_code(&html).unwrap(), inline_code(PAGE).unwrap());
        assert!(with_meta(here, "<p>no head</p>", &policy()).is_err());
        let no_charset = with_meta(here, "<html><head><title>t</title></head></html>", &policy()).unwrap();
        assert!(no_charset.starts_with("<html><head><meta http-equiv=\"Content-Security-Policy\""), "{no_charset}");
    }

    #[test]
    fn nginx_and_headers_files_carry_the_same_policy() {
        let p = policy();
        let nginx = nginx_include(&p);
        assert!(nginx.contains(&format!("add_header Content-Security-Policy \"{}\" always;\n", p.header())));
        assert!(nginx.contains("add_header X-Content-Type-Options \"nosniff\" always;\n"));
        assert!(nginx.contains("add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n"));
        assert!(nginx.contains("add_header Permissions-Policy \"accelerometer=(), "));
        let files = ["istio-events-site-0123456789abcdef.js".to_owned(), "istio-events-site-0123456789abcdef_bg.wasm".to_owned()];
        let headers = headers_file(&p, &files);
        assert!(headers.contains(&format!("/*\n  Content-Security-Policy: {}\n", p.header())));
        assert!(headers.contains("  X-Content-Type-Options: nosniff\n"));
        assert!(headers.contains("/istio-events-site-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(headers.contains("/photos/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
        assert!(headers.contains("/sw.js\n  Cache-Control: no-cache\n"));
        assert_eq!(headers.matches("Cache-Control").count(), 4, "only the hashed files', the photos' and the worker's: nothing to merge into them");
        assert!(!headers.contains("\n  !"), "no Cloudflare-only lines, which Netlify refuses");
    }

    #[test]
    fn trunks_hashed_names_are_recognised() {
        assert!(is_hashed_name("istio-events-site-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_name("istio-events-site-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_name("istio-events-site-programme-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(!is_hashed_name("index.html"));
        assert!(!is_hashed_name("favicon.svg"));
        assert!(!is_hashed_name("istio-events-site.js"));
        assert!(is_hashed_name("istio-events-site-1a2b3c4d5e6f7a8_bg.wasm"), "15 digits: a hash that starts with a zero");
        assert!(!is_hashed_name("my-script.js"));
        assert!(!is_hashed_name("istio-events-site-1A2B3C4D5E6F7A8B.js"), "Trunk writes lower case");
    }

    #[test]
    fn only_the_sites_own_scripts_are_allowed() {
        let template = "<html><head><script type=\"module\">import('/istio-events-site-0123456789abcdef.js')</script></head></html>";
        let own = OwnScripts::from_html(&[template, "<script>window.x=1;</script>"]).unwrap();
        assert!(own.allows("window.x=1;"));
        assert!(own.allows("import('/istio-events-site-0123456789abcdef.js')"));
        assert!(!own.allows("window.__pwned=1"));
        assert!(!own.allows("import('/evil.js')"));
        // A title whose text ended <title> early: its script is found and named.
        let page = "<html><head><title>a </title><script>window.__pwned=1</script></title><script>window.x=1;</script></head></html>";
        assert_eq!(inline_code_of(page, Some(&own)).unwrap().foreign_scripts, ["window.__pwned=1"]);
        // An empty script is still one to hash.
        assert_eq!(inline_code("<script></script>").unwrap().scripts, [sha256_source("")].into_iter().collect());
    }

    #[test]
    fn write_puts_the_policy_everywhere_and_refuses_inline_attributes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        fs::create_dir_all(dir.join("e/programme")).unwrap();
        fs::write(dir.join("index.html"), PAGE).unwrap();
        fs::write(dir.join("e/programme/index.html"), "<html><head><style>.b{}</style></head><body></body></html>").unwrap();
        fs::write(dir.join("istio-events-site-0123456789abcdef_bg.wasm"), "").unwrap();
        let own = OwnScripts::from_html(&["<script>window.x=1;</script>"]).unwrap();
        let mut event = events_model::fixtures::event(events_model::fixtures::summary("e", "E"), Vec::new());
        event.registration = Some(events_model::fixtures::registration(0, 1, "https://Registration.example:8443/e"));
        write(&dir, &[event.clone()], &own).unwrap();
        let header = fs::read_to_string(dir.join("_headers")).unwrap();
        assert!(header.contains(&sha256_source(".b{}")) && header.contains(&sha256_source(".a{color:red}")));
        assert!(header.contains("/istio-events-site-0123456789abcdef_bg.wasm\n"));
        let nginx = fs::read_to_string(dir.join(NGINX_INCLUDE)).unwrap();
        assert!(nginx.contains(&sha256_source("window.x=1;")));
        assert!(nginx.contains("connect-src 'self' https://registration.example:8443 "), "{nginx}");
        let page = fs::read_to_string(dir.join("e/programme/index.html")).unwrap();
        assert!(page.contains("<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "), "{page}");
        fs::write(dir.join("e/programme/index.html"), "<html><head></head><body><p style=\"x\">a</p></body></html>").unwrap();
        let err = write(&dir, &[], &own).unwrap_err().to_string();
        assert!(err.contains("programme/index.html: 1 style and 0 event-handler attributes"), "{err}");
        fs::write(dir.join("e/programme/index.html"), "<html><head><script>window.__pwned=1</script></head></html>").unwrap();
        let err = write(&dir, &[], &own).unwrap_err().to_string();
        assert!(err.contains("programme/index.html: an inline script that is not the site's own"), "{err}");
        event.registration.as_mut().unwrap().endpoint = Some("javascript:alert(1)".into());
        let err = write(&dir, &[event], &own).unwrap_err().to_string();
        assert!(err.contains("data/events/e.json: the registration endpoint \"javascript:alert(1)\" is not an http(s) address"), "{err}");
    }
}
