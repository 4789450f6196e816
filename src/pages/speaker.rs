//! One speaker, with their sessions across every event.

use events_model::{Page, SpeakerPage as Speaker};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{loaded, route_data, slug_of};
use crate::components::{Avatar, LinkList, SessionTime};
use crate::data::use_site;

/// Route `/speakers/:slug`.
#[component]
pub fn SpeakerPage() -> impl IntoView {
    let page = route_data(|p| Some(Page::Speaker(slug_of(p, "slug")?)));
    loaded(page, "the speaker", |speaker: Speaker| view! { <SpeakerDetails speaker /> })
}

/// A speaker's name, role, links, bio and sessions.
#[component]
pub fn SpeakerDetails(
    /// The speaker.
    speaker: Speaker,
) -> impl IntoView {
    let site = use_site();
    let count = speaker.sessions.len();
    let description = if speaker.designation.is_empty() {
        format!("{}: sessions at Istio community events.", speaker.name)
    } else {
        format!("{}, {}: sessions at Istio community events.", speaker.name, speaker.designation)
    };
    view! {
        <Title text=speaker.name.clone() />
        <Meta name="description" content=description />
        <div class="event-head">
            <div class="wrap speaker-head">
                <Avatar name=speaker.name.clone() photo=speaker.photo.clone() size=96 />
                <div>
                    <p class="kicker">"Speaker"</p>
                    <h1>{speaker.name.clone()}</h1>
                    {(!speaker.designation.is_empty()).then(|| view! { <p class="lead">{speaker.designation.clone()}</p> })}
                </div>
            </div>
        </div>
        <div class="wrap">
            <LinkList links=speaker.links.clone() label="Profiles" rel="me noopener" owner=speaker.name.clone() />
            {(!speaker.bio_html.is_empty()).then(|| view! { <div class="prose" inner_html=speaker.bio_html.clone()></div> })}
            <section aria-labelledby="talks-heading">
                <h2 id="talks-heading">{match count { 1 => "1 session".to_owned(), n => format!("{n} sessions") }}</h2>
                <ul class="session-list">
                    {speaker.sessions.into_iter().map(|s| view! {
                        <li>
                            <article class="session">
                                <p class="kicker"><a href=site.href(&Page::Event(s.event_slug.clone()))>{s.event_name.clone()}</a></p>
                                <h3 class="session-title"><a href=site.href(&Page::Session { event: s.event_slug.clone(), id: s.id.clone() })>{s.title.clone()}</a></h3>
                                <SessionTime time=s.time zone=s.timezone.clone() />
                                <p class="tags"><span class="tag tag-type">{s.kind.clone()}</span></p>
                            </article>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}
