//! Speakers' and organizers' photos: what a file's `image` names, the checks on it, and the
//! responsive variants the build writes under `photos/`.
//!
//! The image work is a pure function from the source's bytes to the variants' bytes
//! ([`variants`]); reading the source and writing the files are the callers' (the site's load
//! and [`crate::compile::write`]).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use events_model::{Photo, PhotoFormat, PhotoVariant};
use image::{DynamicImage, ImageReader};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;

/// The widths the build makes, in CSS pixels: 96 for lists, 192 for a speaker's page and for
/// 2x screens of lists.
pub const WIDTHS: [u32; 2] = [96, 192];
/// A photo narrower or lower than this is warned about: the 192 px variant cannot be made.
pub const MIN_SIDE: u32 = WIDTHS[1];
/// A photo file larger than this is warned about (it still builds).
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;
/// JPEG quality of the fallback.
const JPEG_QUALITY: u8 = 82;
/// Quality of the lossy WebP variants (libwebp's 0-100 scale).
const WEBP_QUALITY: f32 = 80.0;
/// libwebp's effort, 0 (fast) to 6 (smallest files): the photos are small, so the slowest.
const WEBP_METHOD: i32 = 6;

/// Where a file's `image` points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageSource {
    /// A file: beside the content file, or under `public/` for a path starting with `/`.
    File(PathBuf),
    /// A web address, left by the importer for review; never fetched by the build.
    Url(String),
}

/// What a file's `image` says, with its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// As written.
    pub written: String,
    /// The line of `image`.
    pub line: usize,
}

/// `image` as written in `file`: `https://...` is a web address; `/x.jpg` is `public/x.jpg`
/// beside the content folder `content_root` (Hugo's `static/`); anything else is relative to the
/// content file's folder.
pub fn resolve(written: &str, file: &Path, content_root: &Path) -> ImageSource {
    let lower = written.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return ImageSource::Url(written.to_owned());
    }
    match written.strip_prefix('/') {
        Some(rest) => ImageSource::File(public_dir(content_root).join(rest)),
        None => ImageSource::File(file.parent().unwrap_or(Path::new(".")).join(written)),
    }
}

/// `public/` beside the content folder (`content/` → `public/`).
pub fn public_dir(content_root: &Path) -> PathBuf {
    content_root.parent().unwrap_or(Path::new(".")).join("public")
}

/// A photo's source, read and checked: its bytes, or `None` with the problems that keep it
/// out (errors), and the warnings that do not.
pub fn check(image: &ImageRef, source: &ImageSource, file: &Path) -> (Option<Vec<u8>>, Vec<Diagnostic>) {
    let at = |d: fn(&Path, usize, Option<&str>, String) -> Diagnostic, message: String| d(file, image.line, Some("image"), message);
    let path = match source {
        ImageSource::Url(url) => {
            let d = at(Diagnostic::warning, format!("`{url}` is a web address; the build does not download photos, so the initials are shown"))
                .help("run the import with --photos, or download it beside the file and write its name here");
            return (None, vec![d]);
        }
        ImageSource::File(path) => path,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(_) => {
            let d = at(Diagnostic::error, format!("there is no file `{}`", path.display())).help(
                "put the photo beside this file and write its name (`image: \"ada-lovelace.jpg\"`), or under public/ and write its path from there (`/images/ada-lovelace.jpg`); or remove the line to show the initials",
            );
            return (None, vec![d]);
        }
    };
    let mut problems = Vec::new();
    match dimensions(&bytes) {
        Err(why) => {
            problems.push(at(Diagnostic::error, format!("`{}` is not a photo the build can read ({why})", path.display()))
                .help("save it as JPEG, PNG or WebP"));
            return (None, problems);
        }
        Ok((w, h)) if w.min(h) < MIN_SIDE => problems.push(
            at(Diagnostic::warning, format!("the photo is {w}x{h} pixels, smaller than {MIN_SIDE}x{MIN_SIDE}; it will look blurred on sharp screens"))
                .help(format!("use a photo at least {MIN_SIDE} pixels wide and high")),
        ),
        Ok(_) => {}
    }
    if bytes.len() as u64 > MAX_BYTES {
        problems.push(
            at(Diagnostic::warning, format!("the photo file is {:.1} MB, over 5 MB", bytes.len() as f64 / 1_048_576.0))
                .help("save a smaller copy (the site shows it at most 192 pixels wide; 800 pixels is plenty)"),
        );
    }
    (Some(bytes), problems)
}

/// Width and height of an image, from its header, or why it is not one.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), String> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    if reader.format().is_none() {
        return Err("not JPEG, PNG or WebP".to_owned());
    }
    reader.into_dimensions().map_err(|e| e.to_string())
}

/// One file the build writes: its name under `photos/` and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    /// What the pages say about it.
    pub variant: PhotoVariant,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The variants of the photo `source` for the person `stem` (their slug): the centred square,
/// at each of [`WIDTHS`] the square is at least as wide as (never enlarged; a square under 96
/// px gives one variant at its own size), each as lossy WebP (libwebp, quality 80) and as JPEG
/// (quality 82) for browsers without WebP, re-encoded from
/// the pixels (so no EXIF, XMP or ICC profile is kept), named `<stem>-<hash>-<width>.<ext>`
/// with the first 16 hex digits of the SHA-256 of the file's bytes.
pub fn variants(stem: &str, source: &[u8]) -> Result<(Photo, Vec<Encoded>), String> {
    let decoded = ImageReader::new(Cursor::new(source)).with_guessed_format().map_err(|e| e.to_string())?.decode().map_err(|e| e.to_string())?;
    let side = decoded.width().min(decoded.height());
    if side == 0 {
        return Err("the image is empty".to_owned());
    }
    let square = decoded.crop_imm((decoded.width() - side) / 2, (decoded.height() - side) / 2, side, side);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= side).collect();
    if widths.is_empty() {
        widths.push(side);
    }
    let mut files = Vec::new();
    for w in widths {
        let scaled = if w == side { square.clone() } else { square.resize_exact(w, w, image::imageops::FilterType::Lanczos3) };
        let rgb = DynamicImage::ImageRgb8(scaled.to_rgb8());
        for format in [PhotoFormat::Webp, PhotoFormat::Jpeg] {
            let bytes = encode(&rgb, format)?;
            let hash = Sha256::digest(&bytes);
            let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
            let file = format!("{stem}-{hex}-{w}.{}", format.extension());
            files.push(Encoded { variant: PhotoVariant { file, width: w, height: w, format }, bytes });
        }
    }
    Ok((Photo { variants: files.iter().map(|f| f.variant.clone()).collect() }, files))
}

fn encode(image: &DynamicImage, format: PhotoFormat) -> Result<Vec<u8>, String> {
    let mut out = Cursor::new(Vec::new());
    match format {
        PhotoFormat::Webp => {
            let rgb = image.to_rgb8();
            let mut config = webp::WebPConfig::new().map_err(|()| "libwebp has no default configuration".to_owned())?;
            config.lossless = 0;
            config.quality = WEBP_QUALITY;
            config.method = WEBP_METHOD;
            // Sharper colour edges from the RGB to YUV conversion (about 10% more bytes).
            config.use_sharp_yuv = 1;
            let encoded = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
                .encode_advanced(&config)
                .map_err(|e| format!("WebP: {e:?}"))?;
            return Ok(encoded.to_vec());
        }
        PhotoFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            image.write_with_encoder(encoder).map_err(|e| e.to_string())?
        }
    }
    Ok(out.into_inner())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use image::{ImageFormat, Rgb, RgbImage};

    /// A generated test photo: a `w`x`h` gradient, encoded as `format`.
    pub fn generated(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 128]));
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img).write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }

    /// `jpeg` with an EXIF (APP1), an XMP (APP1) and an ICC (APP2) segment after its SOI marker.
    fn with_metadata(jpeg: &[u8]) -> Vec<u8> {
        let segment = |marker: u8, payload: &[u8]| {
            let len = (payload.len() + 2) as u16;
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&len.to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        let mut out = jpeg[..2].to_vec();
        out.extend(segment(0xE1, b"Exif\0\0MM\0*\0\0\0\x08\0\0GPS secret"));
        out.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>secret</x:xmpmeta>"));
        out.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01secret-profile"));
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn makes_96_and_192_as_webp_and_jpeg_that_decode_back() {
        let (photo, files) = variants("ada", &generated(640, 480, ImageFormat::Png)).expect("variants");
        let got: Vec<(u32, PhotoFormat)> = photo.variants.iter().map(|v| (v.width, v.format)).collect();
        assert_eq!(got, [(96, PhotoFormat::Webp), (96, PhotoFormat::Jpeg), (192, PhotoFormat::Webp), (192, PhotoFormat::Jpeg)]);
        for f in &files {
            let back = image::load_from_memory(&f.bytes).expect("decodes");
            assert_eq!((back.width(), back.height()), (f.variant.width, f.variant.width), "{}", f.variant.file);
            let format = image::guess_format(&f.bytes).expect("a format");
            assert_eq!(format, if f.variant.format == PhotoFormat::Webp { ImageFormat::WebP } else { ImageFormat::Jpeg });
            assert!(f.variant.file.ends_with(&format!("-{}.{}", f.variant.width, f.variant.format.extension())));
            if f.variant.format == PhotoFormat::Webp {
                // A simple lossy WebP: RIFF, WEBP, one VP8 chunk (not VP8L, lossless; not VP8X,
                // the extended header that metadata chunks need).
                assert_eq!((&f.bytes[..4], &f.bytes[8..16]), (&b"RIFF"[..], &b"WEBPVP8 "[..]), "{}", f.variant.file);
            }
        }
    }

    /// The mean absolute difference per channel between two images of the same size.
    fn difference(a: &DynamicImage, b: &DynamicImage) -> f64 {
        let (a, b) = (a.to_rgb8(), b.to_rgb8());
        assert_eq!(a.dimensions(), b.dimensions());
        let sum: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
        sum as f64 / a.as_raw().len() as f64
    }

    /// The project's end-to-end photos (tests/fixtures/photos and its public/), as the build reads them.
    fn fixture_photos() -> Vec<(&'static str, Vec<u8>)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        [
            ("ada-okafor", "photos/photo-day-2031/speakers/ada-okafor/photo.jpg"),
            ("bo-lindqvist", "public/images/bo-lindqvist.png"),
            ("dee-ramos", "photos/photo-day-2031/organizers/dee-ramos.webp"),
        ]
        .into_iter()
        .map(|(stem, path)| (stem, std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))))
        .collect()
    }

    #[test]
    fn the_webp_is_smaller_than_the_jpeg_and_still_the_photo() {
        for (stem, source) in fixture_photos() {
            let (_, files) = variants(stem, &source).expect("variants");
            let original = image::load_from_memory(&source).expect("decodes");
            let side = original.width().min(original.height());
            let square = original.crop_imm((original.width() - side) / 2, (original.height() - side) / 2, side, side);
            for pair in files.chunks(2) {
                let [webp, jpeg] = pair else { panic!("a WebP and a JPEG per width") };
                assert_eq!((webp.variant.format, jpeg.variant.format, webp.variant.width), (PhotoFormat::Webp, PhotoFormat::Jpeg, jpeg.variant.width));
                assert!(webp.bytes.len() < jpeg.bytes.len(), "{}: {} B, {}: {} B", webp.variant.file, webp.bytes.len(), jpeg.variant.file, jpeg.bytes.len());
                // Smaller, and still the photo: within twice the JPEG's (small) difference from
                // the pixels it was made from, per channel of 255.
                let w = webp.variant.width;
                let reference = square.resize_exact(w, w, image::imageops::FilterType::Lanczos3);
                let off = |bytes: &[u8]| difference(&image::load_from_memory(bytes).expect("decodes"), &reference);
                let (from_webp, from_jpeg) = (off(&webp.bytes), off(&jpeg.bytes));
                assert!(from_webp < 6.0 && from_webp < from_jpeg * 2.0, "{}: {from_webp:.2} off, the JPEG {from_jpeg:.2}", webp.variant.file);
            }
        }
    }

    #[test]
    fn names_are_content_hashes_and_stable() {
        let source = generated(300, 300, ImageFormat::Png);
        let (a, files) = variants("ada", &source).expect("variants");
        let (b, _) = variants("ada", &source).expect("variants");
        assert_eq!(a, b, "the same source gives the same names");
        for f in &files {
            let hash = Sha256::digest(&f.bytes);
            let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(f.variant.file, format!("ada-{hex}-{}.{}", f.variant.width, f.variant.format.extension()));
        }
        let (c, _) = variants("ada", &generated(300, 301, ImageFormat::Png)).expect("variants");
        assert_ne!(a.variants[0].file, c.variants[0].file, "another photo, other names");
    }

    #[test]
    fn metadata_is_stripped() {
        let source = with_metadata(&generated(400, 400, ImageFormat::Jpeg));
        assert!(contains(&source, b"Exif") && contains(&source, b"ICC_PROFILE"), "the source has it");
        let (_, files) = variants("ada", &source).expect("variants");
        for f in &files {
            // JPEG's APP segments, WebP's chunks (EXIF, XMP, ICCP, in a VP8X file).
            for marker in [&b"Exif"[..], b"http://ns.adobe.com/xap", b"ICC_PROFILE", b"secret", b"EXIF", b"XMP ", b"ICCP", b"VP8X"] {
                assert!(!contains(&f.bytes, marker), "{} keeps {:?}", f.variant.file, String::from_utf8_lossy(marker));
            }
        }
    }

    #[test]
    fn small_sources_are_never_enlarged() {
        let (photo, _) = variants("ada", &generated(150, 120, ImageFormat::Png)).expect("variants");
        assert_eq!(photo.variants.iter().map(|v| v.width).collect::<Vec<_>>(), [96, 96]);
        let (photo, _) = variants("ada", &generated(80, 200, ImageFormat::Png)).expect("variants");
        assert_eq!(photo.variants.iter().map(|v| (v.width, v.height)).collect::<Vec<_>>(), [(80, 80), (80, 80)]);
    }

    #[test]
    fn what_is_not_an_image_is_refused() {
        assert!(variants("ada", b"<html>not a photo</html>").is_err());
        assert!(dimensions(b"<html>not a photo</html>").is_err());
        assert_eq!(dimensions(&generated(10, 20, ImageFormat::WebP)), Ok((10, 20)));
    }

    #[test]
    fn image_paths_resolve_beside_the_file_or_under_public() {
        let file = Path::new("/c/content/ev/speakers/ada.md");
        let root = Path::new("/c/content");
        assert_eq!(resolve("ada.jpg", file, root), ImageSource::File("/c/content/ev/speakers/ada.jpg".into()));
        assert_eq!(resolve("/images/ada.jpg", file, root), ImageSource::File("/c/public/images/ada.jpg".into()));
        assert_eq!(resolve("https://x.test/a.jpg", file, root), ImageSource::Url("https://x.test/a.jpg".into()));
    }

    #[test]
    fn checks_warn_about_small_and_large_photos() {
        let dir = tempfile::tempdir().expect("temp");
        let file = dir.path().join("ada.md");
        let at = |name: &str, bytes: &[u8]| {
            std::fs::write(dir.path().join(name), bytes).expect("write");
            let r = ImageRef { written: name.to_owned(), line: 3 };
            check(&r, &resolve(name, &file, dir.path()), &file)
        };
        let (ok, problems) = at("big.png", &generated(200, 200, ImageFormat::Png));
        assert!(ok.is_some() && problems.is_empty(), "{problems:?}");
        let (ok, problems) = at("small.png", &generated(100, 300, ImageFormat::Png));
        assert!(ok.is_some() && problems.len() == 1 && !problems[0].is_error() && problems[0].message.contains("100x300"), "{problems:?}");
        let mut huge = generated(200, 200, ImageFormat::Png);
        huge.resize(huge.len() + MAX_BYTES as usize, 0);
        let (ok, problems) = at("huge.png", &huge);
        assert!(ok.is_some() && problems.len() == 1 && problems[0].message.contains("over 5 MB"), "{problems:?}");
        let (ok, problems) = at("text.jpg", b"hello");
        assert!(ok.is_none() && problems[0].is_error(), "{problems:?}");
        let (ok, problems) = check(&ImageRef { written: "gone.jpg".into(), line: 3 }, &resolve("gone.jpg", &file, dir.path()), &file);
        assert!(ok.is_none() && problems[0].is_error() && problems[0].field.as_deref() == Some("image"), "{problems:?}");
    }
}
