//! The thin layer around the pure planner: the folder's files read ([`read_existing`]), the
//! plan checked in a copy of the folder ([`verify`]), and written ([`write`]).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use super::plan::{Existing, Plan};
use crate::diag::Diagnostic;

/// The files under `dir/sessions/` and `dir/speakers/`, relative to `dir`.
pub fn read_existing(dir: &Path) -> io::Result<Vec<Existing>> {
    let mut out = Vec::new();
    for section in ["sessions", "speakers"] {
        for (path, _) in crate::site::entry_files(&dir.join(section))? {
            let bytes = fs::read(&path)?;
            // A file that is not UTF-8 is read as far as it goes; `content check` reports it.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            out.push(Existing { path: rel, text });
        }
    }
    Ok(out)
}

/// What `content check` would say of an event folder after an import.
#[derive(Debug)]
pub struct Verdict {
    /// Errors the import would bring (that the folder does not have now), with their paths in
    /// the event folder.
    pub new_errors: Vec<Diagnostic>,
    /// Errors and warnings after the import, in all.
    pub errors: usize,
    /// Warnings after the import.
    pub warnings: usize,
}

/// Checks the event folder `dir` as `plan` would leave it: a copy of it (in the system's
/// temporary folder, removed afterwards) gets the plan's files and is checked as `content
/// check` does, and its errors are compared with those `dir` has now. Nothing in `dir` is
/// changed.
pub fn verify(dir: &Path, plan: &Plan) -> io::Result<Verdict> {
    let name = dir.canonicalize()?.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "event".into());
    let root = tempfile::Builder::new().prefix("istio-events-import-").tempdir()?;
    let stage = root.path().join(name);
    copy_dir(dir, &stage)?;
    write(&stage, plan)?;
    let before = crate::site::load(dir)?;
    let after = crate::site::load(&stage)?;
    let key = |d: &Diagnostic, base: &Path| (d.file.strip_prefix(base).unwrap_or(&d.file).to_path_buf(), d.field.clone(), d.message.clone());
    let known: BTreeSet<_> = before.diagnostics.all().iter().filter(|d| d.is_error()).map(|d| key(d, dir)).collect();
    let new_errors = after
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error() && !known.contains(&key(d, &stage)))
        .map(|d| Diagnostic { file: dir.join(d.file.strip_prefix(&stage).unwrap_or(&d.file)), ..d.clone() })
        .collect();
    Ok(Verdict { new_errors, errors: after.diagnostics.errors(), warnings: after.diagnostics.warnings() })
}

/// Copies the folder `from` (its files and folders, not following links) to `to`.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Writes the plan's added and updated files under `dir`, photos included; returns how many
/// it wrote.
pub fn write(dir: &Path, plan: &Plan) -> io::Result<usize> {
    let files = plan.writes().map(|c| (&c.path, c.text.as_bytes())).chain(plan.photo_writes().map(|f| (&f.path, f.bytes.as_slice())));
    let mut n = 0;
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
        n += 1;
    }
    Ok(n)
}
