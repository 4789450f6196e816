//! `content import --photos`: the speakers' photos that an export gives as web addresses
//! (Sessionize's `profilePicture`, pretalx's `avatar`), downloaded and saved beside the speaker
//! files, so the site shows them (the build itself never fetches anything).
//!
//! The planner lists the photos to download ([`Wanted`], in [`super::Plan::photos_wanted`]);
//! [`fetch`] downloads each (through the function it is given: [`Downloader::get`] for real,
//! anything in tests), checks that it decodes as a JPEG, PNG or WebP and decides what to write;
//! the planner then plans again with the downloaded files' names ([`super::Options::downloaded`]),
//! and the photos are written with the other files, only if the whole import is.
//!
//! What a photo file is to the import, as with the text of a speaker file:
//!
//! - A downloaded photo is `<slug>.<ext>` beside the speaker file (`speakers/ada.md` ->
//!   `speakers/ada.jpg`; `speakers/ada/_index.md` -> `speakers/ada/ada.jpg`), the extension
//!   from the format the bytes decode as, not from the address. The file gets `image:
//!   "ada.jpg"` and a fingerprint of the photo's bytes in `import_photo`.
//! - On the next import with `--photos` the photo is downloaded again: the same bytes change
//!   nothing; a new photo replaces the file, but only while the file is still the one the import
//!   wrote (its bytes match `import_photo`). A photo file the organizer replaced, or an `image`
//!   they set to another file, is kept, and nothing is downloaded for it.
//! - A download that fails (an error status, no answer in time, not an image, over 5 MB) is a
//!   warning naming the speaker and the address; the file keeps the address for review (or the
//!   photo it has), and the import goes on.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Duration;

use image::{ImageFormat, ImageReader};
use sha2::{Digest, Sha256};

use super::plan::Action;

/// Photos larger than this are not downloaded (the checker's limit for a photo file).
pub const MAX_BYTES: u64 = crate::photos::MAX_BYTES;
/// The longest a download may take, from connecting to its last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Redirects followed.
pub const MAX_REDIRECTS: u32 = 5;

/// A photo an export gives as an address, which `--photos` downloads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// The speaker's `import_id`.
    pub import_id: String,
    /// The speaker's name, for messages.
    pub speaker: String,
    /// The address in the export.
    pub url: String,
    /// The speaker file, relative to the event folder.
    pub file: PathBuf,
    /// The photo the file names now, when an earlier `--photos` import downloaded it: its
    /// `image` and its `import_photo`.
    pub current: Option<(String, String)>,
}

impl Wanted {
    /// The photo's file name without its extension: the speaker's slug.
    fn stem(&self) -> String {
        let stem = self.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if stem == "_index" || stem == "index" {
            self.file.parent().and_then(Path::file_name).map(|s| s.to_string_lossy().into_owned()).unwrap_or(stem)
        } else {
            stem
        }
    }

    /// A file named `name` beside the speaker file, relative to the event folder.
    fn beside(&self, name: &str) -> PathBuf {
        self.file.parent().unwrap_or(Path::new("")).join(name)
    }
}

/// A photo downloaded for a speaker: what their file says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    /// `image`: the file's name beside the speaker file.
    pub name: String,
    /// `import_photo`: the fingerprint of its bytes.
    pub fingerprint: String,
}

/// A photo file an import writes (or leaves as it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoFile {
    /// Relative to the event folder.
    pub path: PathBuf,
    /// Added, updated, or unchanged (the same bytes are there).
    pub action: Action,
    /// The photo.
    pub bytes: Vec<u8>,
    /// Whose it is.
    pub speaker: String,
    /// Where it came from.
    pub url: String,
}

/// What `--photos` did, for the plan and its report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Photos {
    /// The photos downloaded, by speaker `import_id`.
    pub downloaded: BTreeMap<String, Downloaded>,
    /// The files to write, in the order of the speakers.
    pub files: Vec<PhotoFile>,
    /// Downloads that failed or were not used, each naming the speaker and the address.
    pub warnings: Vec<String>,
    /// Other things to say (a photo kept because it was changed by hand).
    pub notes: Vec<String>,
}

/// The fingerprint of a photo in `import_photo`: 12 hex digits of the SHA-256 of its bytes.
pub fn fingerprint(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The extension a photo is saved with, from the format its bytes decode as; an error when
/// they are not a JPEG, PNG or WebP the build can read.
pub fn extension(bytes: &[u8]) -> Result<&'static str, String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let ext = match reader.format() {
        Some(ImageFormat::Jpeg) => "jpg",
        Some(ImageFormat::Png) => "png",
        Some(ImageFormat::WebP) => "webp",
        Some(other) => return Err(format!("it is {other:?}, not a JPEG, PNG or WebP")),
        None => return Err("it is not an image".to_owned()),
    };
    reader.decode().map_err(|e| format!("it does not decode as an image ({e})"))?;
    Ok(ext)
}

/// Downloads each photo of `wanted` with `get` (an address to its bytes, or why not) and
/// decides what to write in the event folder `dir`, which is only read.
pub fn fetch(wanted: &[Wanted], dir: &Path, get: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>) -> Photos {
    let mut photos = Photos::default();
    for w in wanted {
        let file = dir.join(&w.file);
        let who = format!("speaker `{}` ({})", w.speaker, file.display());
        // A photo an earlier import wrote is the import's while its bytes are the ones it wrote.
        let current = match &w.current {
            Some((name, recorded)) => match std::fs::read(dir.join(w.beside(name))) {
                Ok(bytes) if fingerprint(&bytes) != *recorded => {
                    photos.notes.push(format!(
                        "{who}: its photo {} was changed by hand, so it is kept and the export's is not downloaded; to take the export's again, delete the file's `image` and `import_photo` lines",
                        dir.join(w.beside(name)).display()
                    ));
                    continue;
                }
                Ok(bytes) => Some((name.as_str(), bytes)),
                // Gone: downloaded again.
                Err(_) => None,
            },
            None => None,
        };
        let kept = match (&w.current, &current) {
            (Some((name, _)), Some(_)) => format!("{} is kept", dir.join(w.beside(name)).display()),
            (Some((name, _)), None) => format!("`image` still names {}, which is not there", dir.join(w.beside(name)).display()),
            (None, _) => "the address stays in the file for review".to_owned(),
        };
        let refused = |why: String| {
            format!("warning: {who}: the photo {} was not downloaded: {why}; {kept}\n  help: check the address in the export, or save the photo beside the file and write its name in `image`", w.url)
        };
        let bytes = match get(&w.url) {
            Ok(bytes) => bytes,
            Err(why) => {
                photos.warnings.push(refused(why));
                continue;
            }
        };
        let ext = match extension(&bytes) {
            Ok(ext) => ext,
            Err(why) => {
                photos.warnings.push(refused(why));
                continue;
            }
        };
        let name = format!("{}.{ext}", w.stem());
        let path = w.beside(&name);
        let action = match (std::fs::read(dir.join(&path)), &current) {
            (Ok(there), _) if there == bytes => Action::Unchanged,
            (Ok(_), Some((now, _))) if *now == name => Action::Update,
            (Ok(_), _) => {
                photos.warnings.push(refused(format!("{} is there already and is another photo, which is not replaced", dir.join(&path).display())));
                continue;
            }
            (Err(_), _) => Action::Add,
        };
        if let Some((now, _)) = &current
            && *now != name
        {
            photos.notes.push(format!(
                "{who}: its photo is now {}, and {} is no longer used: delete it",
                dir.join(&path).display(),
                dir.join(w.beside(now)).display()
            ));
        }
        photos.downloaded.insert(w.import_id.clone(), Downloaded { name, fingerprint: fingerprint(&bytes) });
        photos.files.push(PhotoFile { path, action, bytes, speaker: w.speaker.clone(), url: w.url.clone() });
    }
    photos
}

/// Downloads photos over HTTP(S): redirects followed (at most [`MAX_REDIRECTS`]), at most
/// [`TIMEOUT`] each, refused over [`MAX_BYTES`] or with a status other than 2xx.
pub struct Downloader {
    agent: ureq::Agent,
}

impl Default for Downloader {
    fn default() -> Self {
        Self::new()
    }
}

impl Downloader {
    /// An HTTP client with the limits above (and a proxy from `HTTPS_PROXY`, `HTTP_PROXY`,
    /// `ALL_PROXY` and `NO_PROXY`, when they are set).
    pub fn new() -> Downloader {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(Duration::from_secs(10)))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(concat!("istio-events-content/", env!("CARGO_PKG_VERSION"), " (content import --photos)"))
            .accept("image/webp,image/png,image/jpeg,image/*;q=0.8")
            .build();
        Downloader { agent: config.into() }
    }

    /// The bytes at `url` (`http://` or `https://` only), or why not, in words for a warning.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("it is not a web address ({e})"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("only http and https addresses are downloaded, not {}:", parsed.scheme()));
        }
        let mut response = self.agent.get(url).call().map_err(|e| describe(&e))?;
        let too_big = || format!("it is over {} MB", MAX_BYTES / (1024 * 1024));
        if response.body().content_length().is_some_and(|n| n > MAX_BYTES) {
            return Err(too_big());
        }
        response.body_mut().with_config().limit(MAX_BYTES).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_big(),
            e => describe(&e),
        })
    }
}

/// A download's error, in words.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::StatusCode(code) => format!("the server answered {code}"),
        ureq::Error::Timeout(_) => format!("no answer within {} seconds", TIMEOUT.as_secs()),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        ureq::Error::BodyExceedsLimit(_) => format!("it is over {} MB", MAX_BYTES / (1024 * 1024)),
        e => e.to_string(),
    }
}
