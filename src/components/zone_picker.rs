//! Choosing the zone the visitor's times are shown in.

use leptos::prelude::*;

use crate::clock::use_clock;
use crate::time;

/// A searchable field for any IANA zone (the browser's list, offered as suggestions), which
/// overrides the browser's zone and is remembered in this browser; a button goes back to the
/// device's zone. Disabled until the app runs (the page says why when JavaScript is off).
#[component]
pub fn ZonePicker() -> impl IntoView {
    let clock = use_clock();
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let apply = move |value: &str| match clock.choose_zone(Some(value)) {
        Ok(_) => error.set(None),
        Err(unknown) => error.set(Some(format!("{unknown}: write a zone such as Europe/Berlin or Asia/Kolkata."))),
    };
    // Known zones, asked of the browser when the field is first focused (before anything is
    // typed in it): its 440 suggestions are not built with every page that shows the picker.
    // Picking one applies it at once.
    let wanted = RwSignal::new(false);
    let zones = Memo::new(move |_| if clock.is_live() && wanted.get() { time::known_zones() } else { Vec::new() });
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if zones.with(|z| z.iter().any(|zone| *zone == value)) {
            apply(&value);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(field) = input.get() {
            apply(&field.value());
        }
    };
    let reset = move |_| {
        let _ = clock.choose_zone(None);
        error.set(None);
    };
    view! {
        <form class="zone-picker" on:submit=on_submit>
            <label for="zone-input">"Show your times in"</label>
            <div class="field-row">
                <input
                    id="zone-input"
                    node_ref=input
                    type="text"
                    list="zone-list"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="zone-help zone-error"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    prop:value=move || clock.visitor_zone().unwrap_or_default()
                    disabled=move || !clock.is_live()
                    on:focus=move |_| if !wanted.get_untracked() { wanted.set(true) }
                    on:input=on_input
                    on:change=move |ev| apply(&event_target_value(&ev))
                />
                <button type="button" on:click=reset disabled=move || !clock.zone_is_chosen()>"Use this device’s zone"</button>
            </div>
            <datalist id="zone-list">
                {move || zones.get().into_iter().map(|zone| view! { <option value=zone></option> }).collect_view()}
            </datalist>
            <p id="zone-help" class="help">"Any IANA time zone, such as Asia/Shanghai or America/Los_Angeles. This browser remembers it."</p>
            <p id="zone-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
