//! The schedule as frab's XML (`schedule.xml`), the format EventFahrplan and Giggity read.

use super::schedule::ScheduleFile;

/// Text as XML 1.0 can hold it: the characters it forbids (controls other than tab, line feed
/// and carriage return, lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF) become
/// U+FFFD. Escaping `<`, `&` and quotes is the writer's job.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if text.chars().all(allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// The schedule as frab's XML (`schedule.xml`), the format EventFahrplan and Giggity read,
/// following the c3voc schema (`crates/build/tests/schedule.xml.xsd`): the same content as
/// `schedule.json`, since both are written from one [`ScheduleFile`]. Written by quick-xml,
/// which escapes every text and attribute.
pub fn to_xml(file: &ScheduleFile) -> String {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as X};
    // Writing to a Vec cannot fail.
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let mut put = |event: X<'_>| w.write_event(event).expect("writing XML to memory");
    let open = |name: &str, attrs: &[(&str, &str)]| {
        let mut start = BytesStart::new(name.to_owned());
        for (k, v) in attrs {
            start.push_attribute((*k, xml_chars(v).as_ref()));
        }
        X::Start(start)
    };
    let text = |value: &str| X::Text(BytesText::new(&xml_chars(value)).into_owned());
    let close = |name: &str| X::End(BytesEnd::new(name.to_owned()));
    // <name>value</name>
    macro_rules! element {
        ($name:expr, $value:expr) => {{
            put(open($name, &[]));
            put(text($value));
            put(close($name));
        }};
    }

    let s = &file.schedule;
    let c = &s.conference;
    put(X::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    put(open("schedule", &[]));
    put(X::Empty(BytesStart::new("generator").with_attributes([("name", file.generator.name.as_str()), ("version", file.generator.version.as_str())])));
    element!("version", &s.version);
    put(open("conference", &[]));
    element!("title", &c.title);
    element!("acronym", &c.acronym);
    element!("start", &c.start);
    element!("end", &c.end);
    element!("days", &c.days_count.to_string());
    element!("timeslot_duration", &c.timeslot_duration);
    element!("base_url", &s.base_url);
    element!("time_zone_name", &c.time_zone_name);
    put(close("conference"));
    for day in &c.days {
        let index = day.index.to_string();
        put(open("day", &[("index", &index), ("date", &day.date), ("start", &day.day_start), ("end", &day.day_end)]));
        for (room, events) in &day.rooms {
            put(open("room", &[("name", room)]));
            for e in events {
                let id = e.id.to_string();
                put(open("event", &[("guid", &e.guid), ("id", &id)]));
                element!("date", &e.date);
                element!("start", &e.start);
                element!("duration", &e.duration);
                element!("room", &e.room);
                element!("slug", &e.slug);
                element!("url", &e.url);
                element!("title", &e.title);
                element!("subtitle", &e.subtitle);
                element!("track", e.track.as_deref().unwrap_or(""));
                element!("type", &e.kind);
                element!("language", &e.language);
                element!("abstract", &e.abstract_text);
                element!("description", &e.description);
                put(open("persons", &[]));
                for p in &e.persons {
                    element!("person", &p.public_name);
                }
                put(close("persons"));
                put(open("links", &[]));
                for link in &e.links {
                    put(open("link", &[("href", &link.url)]));
                    put(text(&link.title));
                    put(close("link"));
                }
                put(close("links"));
                put(close("event"));
            }
            put(close("room"));
        }
        put(close("day"));
    }
    put(close("schedule"));
    let mut xml = String::from_utf8(w.into_inner()).expect("quick-xml writes the UTF-8 it is given");
    xml.push('\n');
    xml
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::interchange::schedule::{Conference, Day, Generator, LinkRef, Person, Schedule, ScheduleEvent};

    /// A schedule with one session whose every text is hostile.
    fn hostile_schedule() -> ScheduleFile {
        let nasty = "</title><script>alert(\"x\")</script> & 'quoted' \u{1} ]]> <![CDATA[";
        let event = ScheduleEvent {
            id: 7,
            guid: "6ba7b810-9dad-51d1-80b4-00c04fd430c8".into(),
            date: "2022-04-25T14:00:00+00:00".into(),
            start: "14:00".into(),
            duration: "00:40".into(),
            room: format!("Room {nasty}"),
            slug: "e-a1-x".into(),
            url: "https://events.istio.io/e/sessions/a1/?a=1&b=2".into(),
            title: nasty.into(),
            subtitle: String::new(),
            track: None,
            kind: "Talk".into(),
            language: "en".into(),
            abstract_text: format!("line one\n{nasty}"),
            description: String::new(),
            persons: vec![Person { name: nasty.into(), public_name: nasty.into(), guid: None, url: None }],
            links: vec![LinkRef { url: "https://youtu.be/x?a=\"1\"&b=<2>".into(), title: "Recording".into(), kind: "media".into() }],
            attachments: Vec::new(),
        };
        let day = Day {
            index: 1,
            date: "2022-04-25".into(),
            day_start: "2022-04-25T00:00:00+00:00".into(),
            day_end: "2022-04-26T00:00:00+00:00".into(),
            rooms: BTreeMap::from([(event.room.clone(), vec![event])]),
        };
        ScheduleFile {
            schema: String::new(),
            generator: Generator { name: "g\"<&>".into(), version: "1".into() },
            schedule: Schedule {
                version: "abc".into(),
                base_url: "https://events.istio.io/e/".into(),
                url: "https://events.istio.io/e/programme/".into(),
                conference: Conference {
                    acronym: "e".into(),
                    title: nasty.into(),
                    start: "2022-04-25".into(),
                    end: "2022-04-25".into(),
                    days_count: 1,
                    timeslot_duration: "00:05".into(),
                    time_zone_name: "UTC".into(),
                    url: "https://events.istio.io/e/".into(),
                    rooms: Vec::new(),
                    tracks: Vec::new(),
                    days: vec![day],
                },
            },
        }
    }

    #[test]
    fn schedule_xml_escapes_every_text_and_attribute() {
        use quick_xml::events::Event as X;
        let xml = to_xml(&hostile_schedule());
        assert!(!xml.contains("<script>") && !xml.contains("</title><"), "{xml}");
        assert!(!xml.contains('\u{1}'), "a control character XML cannot hold is replaced");
        // Read back by an XML parser: the same texts and attribute values, whole.
        let mut reader = quick_xml::Reader::from_str(&xml);
        let (mut texts, mut attrs, mut path) = (Vec::new(), Vec::new(), Vec::<String>::new());
        let mut current = String::new();
        loop {
            match reader.read_event().unwrap() {
                X::Start(e) | X::Empty(e) => {
                    for a in e.attributes() {
                        attrs.push(a.unwrap().unescape_value().unwrap().into_owned());
                    }
                    path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                    current.clear();
                    if matches!(path.last().map(String::as_str), Some("generator")) {
                        path.pop();
                    }
                }
                X::Text(t) => current.push_str(&t.decode().unwrap()),
                X::GeneralRef(r) => current.push(r.resolve_char_ref().unwrap().unwrap_or_else(|| match r.decode().unwrap().as_ref() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("{other}"),
                })),
                X::End(_) => {
                    let name = path.pop().unwrap();
                    if !current.trim().is_empty() {
                        texts.push((name, std::mem::take(&mut current)));
                    }
                    current.clear();
                }
                X::Eof => break,
                _ => {}
            }
        }
        let clean = "</title><script>alert(\"x\")</script> & 'quoted' \u{FFFD} ]]> <![CDATA[";
        let text_of = |name: &str| texts.iter().filter(|(n, _)| n == name).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
        assert_eq!(text_of("title"), [clean, clean], "the conference's and the session's");
        assert_eq!(text_of("person"), [clean]);
        assert_eq!(text_of("abstract"), [format!("line one\n{clean}")]);
        assert_eq!(text_of("url"), ["https://events.istio.io/e/sessions/a1/?a=1&b=2"]);
        assert!(attrs.contains(&"g\"<&>".to_owned()), "{attrs:?}");
        assert!(attrs.contains(&format!("Room {clean}")), "{attrs:?}");
        assert!(attrs.contains(&"https://youtu.be/x?a=\"1\"&b=<2>".to_owned()), "{attrs:?}");
        // Elements with no text are empty, not whitespace.
        assert!(xml.contains("<subtitle></subtitle>") || xml.contains("<subtitle/>"), "{xml}");
    }
}
