//! Offline and installable (release builds, unless `SITE_OFFLINE=0`): the web app manifest, its
//! PNG icons drawn from `favicon.svg`, the tags that name them in every page's head, and the
//! service worker, built by Workbox from the finished `dist/` (`tools/sw/build.mjs`).
//!
//! The addresses are the site map's ([`OfflineFile`]), under the site's base, so a sub-path
//! build is installable in its own scope.

use std::path::Path;

use events_model::site::{OfflineFile, OFFLINE_META};
use events_model::{Page, SiteAddress};
use resvg::{tiny_skia, usvg};
use serde_json::json;

use crate::BuildError;

/// The site's name as installed, and its short form for a home screen.
pub const NAME: &str = "Istio community events";
/// The name under an installed icon.
pub const SHORT_NAME: &str = "Istio events";
/// The icons written as PNG (size in px, maskable): 192 and 512 px, and a maskable 512 px one.
pub const ICONS: [(u32, bool); 3] = [(192, false), (512, false), (512, true)];
/// How much of a maskable icon the picture fills: launchers may cut the icon to a circle of
/// 80% of its width, which holds a square of 0.8 / sqrt(2) of it.
const MASKABLE_SCALE: f32 = 0.56;

/// The colours an installed site uses, from the stylesheet's light `:root`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Colours {
    /// The header's background (`--head-bg`): the browser's title bar.
    pub theme: String,
    /// The page's background (`--bg`): the splash screen.
    pub background: String,
    /// The header's background in dark mode (the second `:root`'s `--head-bg`), if set.
    pub theme_dark: Option<String>,
}

impl Colours {
    /// The colours of `css` (the site's stylesheet): the first `:root` block is the light one,
    /// the next (inside `prefers-color-scheme: dark`) the dark one.
    pub fn of(css: &str) -> Result<Colours, String> {
        let mut roots = css.split(":root").skip(1).map(|rest| rest.split('}').next().unwrap_or(""));
        let light = roots.next().ok_or("the stylesheet has no :root block")?;
        let dark = roots.next();
        let theme = property(light, "--head-bg").ok_or("the stylesheet's :root has no --head-bg")?;
        let background = property(light, "--bg").ok_or("the stylesheet's :root has no --bg")?;
        Ok(Colours { theme, background, theme_dark: dark.and_then(|d| property(d, "--head-bg")) })
    }
}

/// The value of custom property `name` in the declarations `block`, if it is a colour.
fn property(block: &str, name: &str) -> Option<String> {
    block.split(';').find_map(|declaration| {
        let (key, value) = declaration.split_once(':')?;
        let value = value.trim();
        (key.trim().trim_start_matches('{').trim() == name && value.starts_with('#')).then(|| value.to_owned())
    })
}

/// The web app manifest of the site at `site`: start address and scope are the site's home
/// under its base.
pub fn manifest(site: &SiteAddress, colours: &Colours) -> String {
    let home = site.href(&Page::Home);
    let mut icons = vec![json!({ "src": site.href(&events_model::site::Icon), "sizes": "any", "type": "image/svg+xml" })];
    icons.extend(ICONS.map(|(size, maskable)| {
        let src = site.href(&OfflineFile::Icon { size, maskable });
        json!({ "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": if maskable { "maskable" } else { "any" } })
    }));
    let manifest = json!({
        "name": NAME,
        "short_name": SHORT_NAME,
        "description": "The Istio community's events: programmes, sessions, speakers and registration.",
        "lang": "en",
        "id": home,
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "theme_color": colours.theme,
        "background_color": colours.background,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).expect("a JSON value serializes")
}

/// The tags every page's head gets: the manifest's address for the app, which names the
/// manifest once it runs ([`OFFLINE_META`]), and the title bar's colours.
pub fn head_tags(site: &SiteAddress, colours: &Colours) -> String {
    let mut tags = format!(r#"<meta name="{OFFLINE_META}" content="{}">"#, site.href(&OfflineFile::Manifest));
    match &colours.theme_dark {
        Some(dark) => {
            tags.push_str(&format!(r#"<meta name="theme-color" media="(prefers-color-scheme: light)" content="{}">"#, colours.theme));
            tags.push_str(&format!(r#"<meta name="theme-color" media="(prefers-color-scheme: dark)" content="{dark}">"#));
        }
        None => tags.push_str(&format!(r#"<meta name="theme-color" content="{}">"#, colours.theme)),
    }
    tags
}

/// The `size` px PNG drawn from the SVG `svg`: the whole picture, or for a `maskable` icon the
/// picture inside the safe zone on a square of `background`.
pub fn icon_png(svg: &[u8], size: u32, maskable: bool, background: &str) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default()).map_err(|e| e.to_string())?;
    let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or("an icon of no size")?;
    let fill = if maskable { MASKABLE_SCALE } else { 1.0 };
    let scale = size as f32 * fill / tree.size().width().max(tree.size().height());
    let offset = size as f32 * (1.0 - fill) / 2.0;
    if maskable {
        pixmap.fill(colour(background)?);
    }
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale).post_translate(offset, offset), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// A `#rrggbb` colour.
fn colour(hex: &str) -> Result<tiny_skia::Color, String> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6).ok_or_else(|| format!("{hex}: not a #rrggbb colour"))?;
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).map_err(|_| format!("{hex}: not a #rrggbb colour"));
    Ok(tiny_skia::Color::from_rgba8(byte(0)?, byte(2)?, byte(4)?, 255))
}

/// Writes the manifest and the icons into `dir` (Trunk's output, with its `favicon.svg`).
pub fn write(dir: &Path, site: &SiteAddress, colours: &Colours) -> Result<(), BuildError> {
    let file = |what: &OfflineFile| dir.join(events_model::SitePath::path(what).trim_start_matches('/'));
    let svg_path = dir.join(events_model::SitePath::path(&events_model::site::Icon).trim_start_matches('/'));
    let svg = std::fs::read(&svg_path).map_err(BuildError::io(&svg_path))?;
    for (size, maskable) in ICONS {
        let path = file(&OfflineFile::Icon { size, maskable });
        // Behind a maskable icon, the header's colour, which the icon's own tile has.
        let png = icon_png(&svg, size, maskable, &colours.theme).map_err(|problem| BuildError::page(&svg_path, problem))?;
        std::fs::create_dir_all(path.parent().expect("icons are in a folder")).map_err(BuildError::io(&path))?;
        std::fs::write(&path, png).map_err(BuildError::io(&path))?;
    }
    crate::write(&file(&OfflineFile::Manifest), &manifest(site, colours))
}

/// Builds `dir/sw.js` with Workbox (`tools/sw/build.mjs`), once every other file is written.
pub fn worker(dir: &Path) -> Result<(), BuildError> {
    let status = std::process::Command::new("node")
        .arg("tools/sw/build.mjs")
        .arg(dir)
        .status()
        .map_err(|e| BuildError::Tool { tool: "node".into(), problem: format!("{e} (scripts/setup installs Node.js)") })?;
    if status.success() {
        Ok(())
    } else {
        Err(BuildError::Tool { tool: "tools/sw/build.mjs".into(), problem: format!("exited with {status}") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = ":root {\n  --bg: #ffffff;\n  --head-bg: #0e2a47;\n}\n@media (prefers-color-scheme: dark) {\n  :root {\n    --bg: #0f141a;\n    --head-bg: #0a1d31;\n  }\n}";
    const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#ff0000"/></svg>"##;

    #[test]
    fn colours_come_from_the_light_and_dark_roots() {
        let colours = Colours::of(CSS).unwrap();
        assert_eq!(colours, Colours { theme: "#0e2a47".into(), background: "#ffffff".into(), theme_dark: Some("#0a1d31".into()) });
        let minified = Colours::of(":root{--bg:#fff000;--head-bg:#123456}").unwrap();
        assert_eq!((minified.theme.as_str(), minified.background.as_str()), ("#123456", "#fff000"));
        assert!(Colours::of("body{color:red}").unwrap_err().contains(":root"));
    }

    #[test]
    fn the_manifest_names_the_site_and_its_scope_under_a_sub_path() {
        let colours = Colours::of(CSS).unwrap();
        let site = SiteAddress::parse("https://example.github.io/istio-events/").unwrap();
        let manifest: serde_json::Value = serde_json::from_str(&manifest(&site, &colours)).unwrap();
        assert_eq!(manifest["start_url"], "/istio-events/");
        assert_eq!(manifest["scope"], "/istio-events/");
        assert_eq!(manifest["display"], "standalone");
        assert_eq!(manifest["theme_color"], "#0e2a47");
        assert_eq!(manifest["background_color"], "#ffffff");
        let icons = manifest["icons"].as_array().unwrap();
        assert_eq!(icons[0]["src"], "/istio-events/favicon.svg");
        assert_eq!(icons[3], json!({ "src": "/istio-events/icons/maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" }));
        let tags = head_tags(&site, &colours);
        assert!(tags.starts_with(r#"<meta name="offline-manifest" content="/istio-events/manifest.webmanifest">"#), "{tags}");
        assert!(!tags.contains("<link"), "nothing the browser fetches before the app runs: {tags}");
        assert!(tags.contains(r##"media="(prefers-color-scheme: dark)" content="#0a1d31""##), "{tags}");
    }

    #[test]
    fn icons_are_pngs_of_their_size_and_the_maskable_one_keeps_a_margin() {
        for (size, maskable) in ICONS {
            let png = icon_png(SVG, size, maskable, "#0000ff").unwrap();
            let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
            assert_eq!((pixmap.width(), pixmap.height()), (size, size));
            let corner = pixmap.pixel(0, 0).unwrap();
            let centre = pixmap.pixel(size / 2, size / 2).unwrap();
            assert_eq!((centre.red(), centre.blue()), (255, 0), "the picture in the middle");
            // A maskable icon's corner is the background; the plain one's is the picture.
            assert_eq!((corner.red(), corner.blue()), if maskable { (0, 255) } else { (255, 0) });
        }
        assert!(icon_png(b"not svg", 192, false, "#000000").is_err());
    }
}
