//! The files that deploy the site, read as their hosts read them: the GitHub Pages workflow
//! (YAML) builds with the README's commands and publishes dist/; `public/.nojekyll` exists
//! (Trunk copies public/ into dist/; the end-to-end delivery spec checks it arrived), and
//! `deploy/nginx.conf` keeps the properties the README promises (the whole MIME table, the
//! precompressed files, the 404 page, the build's security headers in every location).
//! The generated `_headers` and `csp.nginx.conf` are checked in crates/build/src/csp.rs (unit tests) and,
//! as served, in tests/e2e/delivery.spec.ts.

use std::fs;
use std::path::{Path, PathBuf};

use saphyr::{LoadableYamlNode, Yaml};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `run` commands and `uses` actions of a job's steps, in order.
fn steps(job: &Yaml) -> Vec<(String, String)> {
    job["steps"]
        .as_vec()
        .expect("steps is a list")
        .iter()
        .map(|step| {
            let text = |key: &str| step.as_mapping_get(key).and_then(|v| v.as_str()).unwrap_or("").to_owned();
            (text("uses"), text("run"))
        })
        .collect()
}

#[test]
fn the_pages_workflow_parses_and_builds_with_the_readmes_commands() {
    let text = read(".github/workflows/pages.yml");
    let docs = Yaml::load_from_str(&text).expect("pages.yml is YAML");
    let workflow = &docs[0];
    let build = &workflow["jobs"]["build"];
    let steps_of_build = steps(build);
    let runs: Vec<&str> = steps_of_build.iter().map(|(_, run)| run.as_str()).filter(|r| !r.is_empty()).collect();
    assert_eq!(runs, ["scripts/setup", "scripts/build"], "the README's set-up and build commands, in that order");
    let readme = read("README.md");
    assert!(readme.contains("scripts/build        #"), "the README's build command is scripts/build");
    let uses: Vec<&str> = steps_of_build.iter().map(|(uses, _)| uses.as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/checkout@")), "{uses:?}");
    assert!(uses.last().unwrap().starts_with("actions/upload-pages-artifact@"), "{uses:?}");
    let upload = build["steps"].as_vec().unwrap().last().unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("dist"), "it publishes dist/");
    let deploy = steps(&workflow["jobs"]["deploy"]);
    assert!(deploy.iter().any(|(uses, _)| uses.starts_with("actions/deploy-pages@")), "{deploy:?}");
    assert_eq!(workflow["jobs"]["deploy"]["needs"].as_str(), Some("build"));
    assert_eq!(workflow["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(workflow["permissions"]["id-token"].as_str(), Some("write"));
}

#[test]
fn nojekyll_is_in_public_so_trunk_copies_it_to_the_root_of_dist() {
    assert!(repo().join("public/.nojekyll").is_file());
    let index = read("index.html");
    assert!(index.contains(r#"<link data-trunk rel="copy-dir" href="public" data-target-path="." />"#), "public/ lands at the root of dist/");
}

#[test]
fn the_nginx_configuration_keeps_its_promises() {
    let conf = read("deploy/nginx.conf");
    let lines: Vec<&str> = conf.lines().map(str::trim).filter(|l| !l.starts_with('#')).collect();
    let has = |line: &str| lines.contains(&line);
    assert!(has("include /etc/nginx/mime.types;"), "the whole MIME table");
    assert!(has("text/calendar ics;"));
    assert!(has("brotli_static on;") && has("gzip_static on;"));
    assert!(has("error_page 404 /404.html;"));
    assert!(has("listen 80;") && has("root /srv/istio-events/dist;"), "the placeholders scripts/nginx-serve replaces");
    assert!(has("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"));
    // A types block of its own would replace the table: only one, after the include.
    let include = lines.iter().position(|l| *l == "include /etc/nginx/mime.types;").unwrap();
    let types: Vec<usize> = lines.iter().enumerate().filter(|(_, l)| l.starts_with("types")).map(|(i, _)| i).collect();
    assert!(types.len() == 1 && types[0] > include, "{types:?}");
    // nginx drops the server's add_header lines in a location with its own, so every
    // location that adds a header includes the security headers.
    let mut depth = 0;
    let mut location: Option<(String, bool, bool)> = None;
    let mut checked = 0;
    for line in &lines {
        if line.starts_with("location ") {
            location = Some((line.to_string(), false, false));
        }
        if let Some((_, adds, includes)) = location.as_mut() {
            *adds |= line.starts_with("add_header ");
            *includes |= *line == "include /srv/istio-events/dist/csp.nginx.conf;";
        }
        depth += line.matches('{').count();
        depth -= line.matches('}').count();
        if depth == 1 {
            if let Some((name, adds, includes)) = location.take() {
                assert!(!adds || includes, "{name} adds headers but not the security headers");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5, "404.html, hashed files, photos, everything else, /api/");
}
