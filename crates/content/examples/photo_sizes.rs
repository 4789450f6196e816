//! Prints the bytes of each variant the build makes of each photo given (default: the end-to-end
//! photos fixture's), so a change to the encoders can be measured:
//! `cargo run -p events-content --example photo_sizes [PHOTO...]`, from the repository's root.

use std::path::Path;

const FIXTURE: &[(&str, &str)] = &[
    ("ada-okafor", "tests/fixtures/photos/photo-day-2031/speakers/ada-okafor/photo.jpg"),
    ("bo-lindqvist", "tests/fixtures/public/images/bo-lindqvist.png"),
    ("dee-ramos", "tests/fixtures/photos/photo-day-2031/organizers/dee-ramos.webp"),
];

fn main() {
    let given: Vec<(String, String)> = std::env::args()
        .skip(1)
        .map(|p| (Path::new(&p).file_stem().unwrap_or_default().to_string_lossy().into_owned(), p))
        .collect();
    let photos: Vec<(String, String)> =
        if given.is_empty() { FIXTURE.iter().map(|(s, p)| ((*s).to_owned(), (*p).to_owned())).collect() } else { given };
    println!("{:<14} {:>8} {:>6} {:>10}", "photo", "source", "width", "bytes");
    for (stem, path) in photos {
        let source = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (_, files) = events_content::photos::variants(&stem, &source).unwrap_or_else(|e| panic!("{path}: {e}"));
        for f in files {
            println!("{stem:<14} {:>8} {:>6} {:>10}  {}", source.len(), f.variant.width, f.bytes.len(), f.variant.file);
        }
    }
}
