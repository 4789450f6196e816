//! Writes the generated photos the test fixtures use (the real events' photos are not ours to
//! copy): `cargo run -p events-content --example fixture_photos`, from the repository's root.
//! Each is a gradient with a few stripes, so its variants differ and look like something; the
//! files are committed, and this writes the same bytes again.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// (path, width, height, format, hue seed)
const PHOTOS: &[(&str, u32, u32, ImageFormat, u8)] = &[
    // crates/content/tests/fixtures/valid/hugo-event names /images/... under public/ beside it.
    ("crates/content/tests/fixtures/public/images/speakers/lin.jpg", 240, 300, ImageFormat::Jpeg, 10),
    ("crates/content/tests/fixtures/public/images/organizers/craig.jpg", 200, 200, ImageFormat::Jpeg, 90),
    // Too small, and one that is not an image (a text file named .jpg): photo-problems.
    ("crates/content/tests/fixtures/invalid/photo-problems/speakers/tiny.png", 64, 64, ImageFormat::Png, 30),
    // The end-to-end photos fixture (tests/fixtures/photos, built into dist-photos).
    ("tests/fixtures/photos/photo-day-2031/speakers/ada-okafor/photo.jpg", 480, 360, ImageFormat::Jpeg, 20),
    ("tests/fixtures/public/images/bo-lindqvist.png", 256, 256, ImageFormat::Png, 140),
    ("tests/fixtures/photos/photo-day-2031/organizers/dee-ramos.webp", 300, 300, ImageFormat::WebP, 200),
];

fn main() {
    for &(path, w, h, format, seed) in PHOTOS {
        let img = RgbImage::from_fn(w, h, |x, y| {
            let stripe = if (x / 24 + y / 24) % 5 == 0 { 60 } else { 0 };
            Rgb([
                ((x * 200 / w) as u8).wrapping_add(seed).saturating_sub(stripe),
                ((y * 200 / h) as u8).wrapping_add(seed / 2),
                (seed.wrapping_mul(3)).saturating_add(stripe),
            ])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img).write_to(&mut out, format).expect("encodes");
        let path = Path::new(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("creates the folder");
        std::fs::write(path, out.into_inner()).expect("writes");
        println!("wrote {}", path.display());
    }
}
