// Time zones: a session's time is shown in the event's zone ("Event time") and, when the
// visitor's zone differs, in the visitor's ("Your time") with a "+1 day" / "−1 day" mark when
// the visitor's date is not the event's. The browser's zone is set per test with timezoneId.
//
// What is asserted, and why this way: the app formats with Intl.DateTimeFormat in the
// browser's locale (en-US here) with hour: '2-digit'. Chromium's en-US formatRange writes a
// 12-hour clock and drops the leading zero, e.g. "Tue, Apr 26, 12:40 – 1:15 AM GMT+8", while
// a 24-hour locale writes "00:40 – 01:15". So the tests read the range with parseRange() into
// 24-hour "HH:MM" start and end and compare those exactly, and check the parts that matter in
// words: the zone name (UTC, GMT+8, PDT), the visitor's weekday and date, and the day mark,
// which the app writes itself ("+1 day", or "−1 day" with U+2212 MINUS SIGN).
import { expect, main, open, parseRange, test } from './support';

const eventTime = (page: import('@playwright/test').Page) => main(page).locator('dl.clock .clock-event');
const yourTime = (page: import('@playwright/test').Page) => main(page).locator('dl.clock .clock-local');

test.describe('visitor in Asia/Shanghai (UTC+8)', () => {
  test.use({ timezoneId: 'Asia/Shanghai' });

  test('/istiocon-2022/sessions/a3 (16:40–17:15 UTC, Mon 25 Apr) is 00:40–01:15 on Tue 26 Apr, +1 day', async ({ page }) => {
    await open(page, '/istiocon-2022/sessions/a3');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('External CA integration with Istio explained');

    await expect(eventTime(page).locator('dt')).toHaveText('Event time');
    const event = eventTime(page).locator('dd');
    await expect(event.locator('time')).toHaveAttribute('datetime', '2022-04-25T16:40:00Z');
    await expect(event).toContainText('UTC');
    await expect(event).toContainText('Apr 25');
    expect(parseRange(await event.innerText())).toEqual({ start: '16:40', end: '17:15' });

    await expect(yourTime(page)).toHaveCount(1);
    await expect(yourTime(page).locator('dt')).toHaveText('Your time');
    const local = yourTime(page).locator('dd');
    await expect(local).toContainText('Tue, Apr 26');
    await expect(local).toContainText('GMT+8');
    await expect(local.locator('.day-shift')).toHaveText('(+1 day)');
    expect(parseRange(await local.innerText())).toEqual({ start: '00:40', end: '01:15' });
  });

  test('the programme says both zones are shown', async ({ page }) => {
    await open(page, '/istiocon-2022/programme');
    await expect(page.getByText("Each time is shown in the event's zone (UTC) and in yours.")).toBeVisible();
    // Every session of IstioCon 2022 has a time, so every one shows "Your time".
    await expect(main(page).locator('article.session .clock-local')).toHaveCount(65);
  });
});

test.describe('visitor in America/Los_Angeles (PDT, UTC−7 in April)', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  // content/istiocon-2022 has no session at 01:00 UTC; the earliest Chinese-language session is
  // b1b, 01:15–01:55 UTC on Tue 26 Apr: 18:15–18:55 PDT on Mon 25 Apr.
  test('Chinese session /istiocon-2022/sessions/b1b (01:15 UTC, Tue 26 Apr) is 18:15 PDT on Mon 25 Apr, −1 day', async ({
    page,
  }) => {
    await open(page, '/istiocon-2022/sessions/b1b');
    await expect(page.locator('.fact-list div').filter({ hasText: 'Language' }).locator('dd')).toHaveText('Chinese');

    const event = eventTime(page).locator('dd');
    await expect(event).toContainText('UTC');
    await expect(event).toContainText('Apr 26');
    expect(parseRange(await event.innerText())).toEqual({ start: '01:15', end: '01:55' });

    await expect(yourTime(page).locator('dt')).toHaveText('Your time');
    const local = yourTime(page).locator('dd');
    await expect(local).toContainText('Mon, Apr 25');
    await expect(local).toContainText('PDT');
    await expect(local.locator('.day-shift')).toHaveText('(\u22121 day)');
    expect(parseRange(await local.innerText())).toEqual({ start: '18:15', end: '18:55' });
  });
});

test.describe('visitor in UTC, like IstioCon 2022', () => {
  test.use({ timezoneId: 'UTC' });

  test('/istiocon-2022/sessions/a3 says the event time is also the visitor\'s', async ({ page }) => {
    await open(page, '/istiocon-2022/sessions/a3');
    await expect(eventTime(page).locator('dt')).toHaveText('Event time');
    expect(parseRange(await eventTime(page).locator('dd').innerText())).toEqual({ start: '16:40', end: '17:15' });
    await expect(yourTime(page)).toHaveCount(1);
    await expect(yourTime(page).locator('dd')).toHaveText('same as the event time');
    await expect(main(page).locator('.day-shift')).toHaveCount(0);
  });
});

test.describe('visitor in UTC, event in America/New_York', () => {
  test.use({ timezoneId: 'UTC' });

  test('Istio Day NA 2025 overview shows its dates in its zone and when it starts for the visitor', async ({ page }) => {
    await open(page, '/istio-day-north-america-2025/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio Day North America 2025');
    const dates = main(page).locator('.facts dl.clock').first();
    await expect(dates.locator('.clock-event dd')).toContainText('Nov 10, 2025');
    await expect(dates.locator('.clock-event dd')).toContainText('America/New_York');
    await expect(dates.locator('.clock-local dt')).toHaveText('Starts for you');
    // Midnight in New York (EST, UTC−5) is 05:00 UTC.
    await expect(dates.locator('.clock-local dd')).toContainText(/\b0?5:00\b/);
    await expect(dates.locator('.clock-local dd')).toContainText('UTC');
  });
});

// The programme's day filter counts the event's days (UTC for IstioCon 2022); each session then
// says which of the visitor's days it falls on.
for (const [zone, day, first, date, mark] of [
  // Day 2 opens with the Chinese block (b1b, 01:15 UTC Tue 26 Apr): still Monday evening in LA.
  ['America/Los_Angeles', '2', 'b1b', 'Mon, Apr 25', '(\u22121 day)'],
  // Day 1's last sessions (after 16:00 UTC Mon 25 Apr) are past midnight in Shanghai.
  ['Asia/Shanghai', '1', 'aw', 'Tue, Apr 26', '(+1 day)'],
] as const) {
  test.describe(`programme for a visitor in ${zone}`, () => {
    test.use({ timezoneId: zone });

    test(`day ${day} of IstioCon 2022: ${first} falls on ${date} for the visitor`, async ({ page }) => {
      await open(page, `/istiocon-2022/programme/?day=${day}`);
      const session = main(page).locator('ul.session-list > li:visible', {
        has: page.locator(`a[href="/istiocon-2022/sessions/${first}/"]`),
      });
      await expect(session).toHaveCount(1);
      const local = session.locator('.clock-local dd');
      await expect(local).toContainText(date);
      await expect(local.locator('.day-shift')).toHaveText(mark);
      await expect(main(page).locator('section.day:visible h2')).toHaveText([new RegExp(`^Day ${day}: `)]);
    });
  });
}
