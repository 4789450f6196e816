//! What search engines read besides the pages: `sitemap.xml` (every page's published address)
//! and `robots.txt` (which points to it).

use events_model::site::Sitemap;
use events_model::{Page, SiteAddress};

/// The sitemap of `pages` for the site at `site`.
pub fn sitemap(site: &SiteAddress, pages: &[Page]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&escaped(&site.published_href(page)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: every page may be crawled, and the sitemap is at its published address.
pub fn robots(site: &SiteAddress) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.published_href(&Sitemap))
}

/// `text` with XML's five special characters as entities (an address is parsed by the `url`
/// crate and a slug is letters, digits and dashes, but the file must be XML whatever comes).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use events_model::fixtures::slug;

    use super::*;

    #[test]
    fn every_page_at_its_published_address_and_robots_points_to_the_map() {
        let site = SiteAddress::parse("https://example.github.io/istio-events/").unwrap();
        let pages = [Page::Home, Page::Speaker(slug("lin-sun")), Page::Programme(slug("istiocon-2022"))];
        let xml = sitemap(&site, &pages);
        assert!(xml.contains("<loc>https://example.github.io/istio-events/</loc>"), "{xml}");
        assert!(xml.contains("<loc>https://example.github.io/istio-events/speakers/lin-sun/</loc>"), "{xml}");
        assert!(xml.contains("<loc>https://example.github.io/istio-events/istiocon-2022/programme/</loc>"), "{xml}");
        assert_eq!(xml.matches("<url>").count(), 3);
        assert_eq!(robots(&site), "User-agent: *\nAllow: /\nSitemap: https://example.github.io/istio-events/sitemap.xml\n");
        assert_eq!(escaped("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&apos;");
    }
}
