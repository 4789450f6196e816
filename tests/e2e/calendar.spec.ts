// Calendar and interchange files, as the static host serves them: the prebuilt .ics of a
// session and of IstioCon 2022's programme, read with ical.js (Mozilla's iCalendar parser, the
// one Thunderbird uses), and the frab-compatible schedule.json. `site-build data` writes them
// beside the pages (OUT/<event>/sessions/<id>.ics, programme.ics, <event>.ics, schedule.json),
// so they work without JavaScript; these tests fetch them the way a calendar app or a schedule
// app would, not through the page.
import { type APIRequestContext } from '@playwright/test';
import { expect, test } from './support';
import ICAL from 'ical.js';

type VEvent = InstanceType<typeof ICAL.Event>;
type Time = InstanceType<typeof ICAL.Time>;

/** Fetches a calendar, checks how it is served, and returns its VEVENTs. */
async function calendar(request: APIRequestContext, path: string): Promise<VEvent[]> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toMatch(/^text\/calendar/);
  const text = await response.text();
  // RFC 5545: CRLF line endings, lines folded at 75 octets.
  expect(text.endsWith('END:VCALENDAR\r\n'), path).toBe(true);
  for (const line of text.split('\r\n')) {
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(line).not.toContain('\n');
  }
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  expect(root.getFirstPropertyValue('version')).toBe('2.0');
  expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
  return root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

const iso = (t: Time) => t.toJSDate().toISOString();

test('one session: /istiocon-2022/sessions/a3.ics', async ({ request }) => {
  const events = await calendar(request, '/istiocon-2022/sessions/a3.ics');
  expect(events).toHaveLength(1);
  const [a3] = events;
  expect(a3.uid).toBe('a3.istiocon-2022@events.istio.io');
  expect(a3.summary).toBe('External CA integration with Istio explained');
  expect(a3.startDate.zone.tzid).toBe('UTC');
  expect(iso(a3.startDate)).toBe('2022-04-25T16:40:00.000Z');
  expect(iso(a3.endDate)).toBe('2022-04-25T17:15:00.000Z');
  expect(a3.location).toBe('Online');
  expect(a3.component.getFirstPropertyValue('url')).toMatch(/\/istiocon-2022\/sessions\/a3\/$/);
  // Escaped commas and line breaks come back as written.
  expect(a3.description).toContain('Speakers: Lin Sun, Josh van Leeuwen\n');
  expect(a3.description).toContain('Track: Tools, features & functionality\n');
  expect(a3.description).toContain('Recording: https://youtu.be/k-3bKbVqvhg');
});

test('a Chinese-language session at 01:15 UTC, its title folded across lines', async ({ request }) => {
  const [b1b] = await calendar(request, '/istiocon-2022/sessions/b1b.ics');
  expect(b1b.uid).toBe('b1b.istiocon-2022@events.istio.io');
  expect(b1b.summary).toBe('Istio Open Source Ecosystem Outlook From China（Istio 开源生态展望）');
  expect(iso(b1b.startDate)).toBe('2022-04-26T01:15:00.000Z');
  expect(iso(b1b.endDate)).toBe('2022-04-26T01:55:00.000Z');
  expect(b1b.description).toContain('Language: Chinese');
});

test('the whole programme: /istiocon-2022/programme.ics has 65 sessions, each once', async ({ request }) => {
  const events = await calendar(request, '/istiocon-2022/programme.ics');
  expect(events).toHaveLength(65);
  const uids = new Set(events.map((e) => e.uid));
  expect(uids.size).toBe(65);
  for (const e of events) {
    expect(e.uid).toMatch(/^[a-z0-9]+\.istiocon-2022@events\.istio\.io$/);
    expect(e.endDate.compare(e.startDate)).toBe(1);
    expect(iso(e.startDate) >= '2022-04-25T00:00:00.000Z' && iso(e.endDate) <= '2022-04-30T00:00:00.000Z').toBe(true);
  }
  const byUid = new Map(events.map((e) => [e.uid, e]));
  expect(iso(byUid.get('a1a.istiocon-2022@events.istio.io')!.startDate)).toBe('2022-04-25T15:00:00.000Z');
  expect(iso(byUid.get('e2.istiocon-2022@events.istio.io')!.startDate)).toBe('2022-04-28T02:00:00.000Z');
});

test('the event as one entry: /istiocon-2022/istiocon-2022.ics', async ({ request }) => {
  const [event] = await calendar(request, '/istiocon-2022/istiocon-2022.ics');
  expect(event.uid).toBe('istiocon-2022@events.istio.io');
  expect(event.summary).toBe('IstioCon 2022');
  expect(iso(event.startDate)).toBe('2022-04-25T00:00:00.000Z');
  expect(iso(event.endDate)).toBe('2022-04-30T00:00:00.000Z');
});

/** Asserts that no calendar is served at `path` (the host answers with its not-found page). */
async function noCalendar(request: APIRequestContext, path: string): Promise<void> {
  const response = await request.get(path);
  expect(response.headers()['content-type'] ?? '', path).not.toMatch(/calendar/);
  expect(await response.text(), path).not.toContain('BEGIN:VCALENDAR');
}

test('sessions without a time have no calendar; Istio Day NA 2025 has no programme.ics', async ({ request }) => {
  await noCalendar(request, '/istio-day-north-america-2025/sessions/nad1.ics');
  await noCalendar(request, '/istio-day-north-america-2025/programme.ics');
  const [event] = await calendar(request, '/istio-day-north-america-2025/istio-day-north-america-2025.ics');
  expect(event.summary).toBe('Istio Day North America 2025');
  expect(event.location).toBe('Atlanta, Georgia, USA');
});

type FrabEvent = Record<string, unknown> & { date: string; start: string; duration: string; room: string; url: string };

test('schedule.json: the frab/c3voc structure, 65 sessions over 5 days', async ({ request }) => {
  const response = await request.get('/istiocon-2022/schedule.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const file = await response.json();
  expect(file.$schema).toBe('https://c3voc.de/schedule/schema.json');
  const { schedule } = file;
  expect(typeof schedule.version).toBe('string');
  expect(schedule.base_url).toMatch(/\/istiocon-2022\/$/);
  const conference = schedule.conference;
  expect(conference).toMatchObject({
    acronym: 'istiocon_2022',
    title: 'IstioCon 2022',
    start: '2022-04-25',
    end: '2022-04-29',
    daysCount: 5,
    timeslot_duration: '00:05',
    time_zone_name: 'UTC',
  });
  expect(conference.days.map((d: { date: string }) => d.date)).toEqual(['2022-04-25', '2022-04-26', '2022-04-27', '2022-04-28', '2022-04-29']);
  const perDay = conference.days.map((d: { rooms: Record<string, FrabEvent[]> }) => Object.values(d.rooms).flat().length);
  expect(perDay).toEqual([9, 20, 12, 18, 6]);

  const required = ['id', 'guid', 'date', 'start', 'duration', 'room', 'slug', 'url', 'title', 'subtitle', 'track', 'type', 'language', 'abstract', 'persons', 'links'];
  const all: FrabEvent[] = conference.days.flatMap((d: { rooms: Record<string, FrabEvent[]> }) => Object.values(d.rooms).flat());
  const guids = new Set<unknown>();
  for (const e of all) {
    for (const key of required) expect(e, `${e.url} has ${key}`).toHaveProperty(key);
    expect(Number.isInteger(e.id) && (e.id as number) > 0).toBe(true);
    expect(e.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    guids.add(e.guid);
    expect(e.start).toMatch(/^\d{2}:\d{2}$/);
    expect(e.duration).toMatch(/^\d+:\d{2}$/);
    expect(e.date.slice(11, 16)).toBe(e.start);
    expect(Array.isArray(e.persons)).toBe(true);
  }
  expect(guids.size).toBe(65);
  const b1b = all.find((e) => e.url.endsWith('/istiocon-2022/sessions/b1b/'))!;
  expect(b1b).toMatchObject({ date: '2022-04-26T01:15:00+00:00', start: '01:15', duration: '00:40', language: 'zh', room: 'Online' });
  expect(b1b.persons).toContainEqual(expect.objectContaining({ name: 'Jimmy Song', public_name: 'Jimmy Song' }));
});

test('schedule.json of an event without published times: its day, no sessions', async ({ request }) => {
  const file = await (await request.get('/istio-day-north-america-2025/schedule.json')).json();
  const conference = file.schedule.conference;
  expect(conference.time_zone_name).toBe('America/New_York');
  expect(conference.days).toEqual([
    { index: 1, date: '2025-11-10', day_start: '2025-11-10T00:00:00-05:00', day_end: '2025-11-11T00:00:00-05:00', rooms: {} },
  ]);
});
