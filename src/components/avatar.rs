//! A person's photo, or their initials where they have none: never a broken image.

use events_model::{avatar_colour, initials_with, Photo, PhotoFormat, PhotoVariant, SiteAddress};
use leptos::either::Either;
use leptos::prelude::*;

use crate::data::use_site;

/// `srcset` of the variants of `format`: each file's address with its width.
fn srcset(site: &SiteAddress, photo: &Photo, format: PhotoFormat) -> String {
    photo.of(format).map(|v: &PhotoVariant| format!("{} {}w", site.href(v), v.width)).collect::<Vec<_>>().join(", ")
}

/// The photo of `name` shown `size` CSS pixels square (`width` and `height` set, so nothing
/// moves while it loads): a `<picture>` with the WebP variants and the JPEG `<img>`, the browser
/// choosing the width for the screen. Without a photo, their initials on a colour picked from
/// the name (CSS only).
#[component]
pub fn Avatar(
    /// Whose photo it is.
    name: String,
    /// Their photo, if they have one.
    photo: Option<Photo>,
    /// The size shown, in CSS pixels: 96 (a speaker's page) or 48 (lists).
    size: u32,
    /// Whether it loads only when scrolled near (`loading="lazy"`): for photos below the fold.
    #[prop(optional)]
    lazy: bool,
    /// Whether the name is shown nowhere beside it, so the photo says it (`alt`); else it is
    /// decoration (`alt=""`, initials hidden from screen readers).
    #[prop(optional)]
    alone: bool,
) -> impl IntoView {
    let class = format!("avatar avatar-{size}");
    let alt = if alone { name.clone() } else { String::new() };
    match photo.filter(|p| p.at_least(PhotoFormat::Jpeg, size).is_some()) {
        Some(photo) => {
            let site = use_site();
            let sizes = format!("{size}px");
            let fallback = photo.at_least(PhotoFormat::Jpeg, size * 2).map(|v| site.href(v)).unwrap_or_default();
            Either::Left(view! {
                <picture class=class>
                    <source type=PhotoFormat::Webp.media_type() srcset=srcset(&site, &photo, PhotoFormat::Webp) sizes=sizes.clone() />
                    <img src=fallback srcset=srcset(&site, &photo, PhotoFormat::Jpeg) sizes=sizes width=size height=size alt=alt
                        decoding="async" loading=lazy.then_some("lazy") />
                </picture>
            })
        }
        None => {
            let class = format!("{class} avatar-initials avatar-c{}", avatar_colour(&name));
            Either::Right(view! {
                <span class=class role=alone.then_some("img") aria-label=alone.then(|| name.clone()) aria-hidden=(!alone).then_some("true")>
                    {initials_with(&name, crate::text::uppercase)}
                </span>
            })
        }
    }
}
