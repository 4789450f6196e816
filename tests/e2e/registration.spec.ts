// Registration (issue 4), against a real HTTP receiver on 127.0.0.1 (receiver.py, started here):
// the event page's registration state under ?preview-at; a valid registration arrives once with
// the right body and Idempotency-Key (double clicks and repeated submits included); every invalid
// field shows its error, tied to it and announced; a 4xx shows the endpoint's message and keeps
// the input; 200 registrations while 30% of requests fail (500s, answers past the timeout, closed
// connections) each arrive exactly once by key; a reload during a failing submission, then
// recovery; offline, then online; axe on the form empty, invalid, sending and done.
//
// The real events are past: the form is opened with ?preview-at=, and ?preview-endpoint= (only
// honoured for addresses on this computer) points it at the receiver. Retries are shortened with
// the localStorage setting istio-events:retry-timing.
import { spawn, type ChildProcess } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, test } from './support';

const EVENT = 'istiocon-2022';
const OPEN = '2022-04-01T12:00:00Z';
const SAVED_KEY = `istio-events:registration:${EVENT}`;
/** Short retries for tests: 1 s timeout, then 100 ms doubling up to 1 s. */
const FAST = { timeout_ms: 1000, first_retry_ms: 100, max_retry_ms: 1000 };

type Logged = { key: string | null; body: any; content_type: string | null; outcome?: string };
type Log = { requests: Logged[]; registrations: Record<string, { body: any; reference: string; repeats: number }>; conflicts: unknown[] };

let receiver: ChildProcess;
let base = '';

test.beforeAll(async () => {
  receiver = spawn('python3', ['receiver.py', '0'], { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    receiver.stdout!.on('data', (chunk: Buffer) => {
      const m = chunk.toString().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    receiver.on('exit', (code) => reject(new Error(`receiver.py exited (${code})`)));
  });
});

test.afterAll(() => {
  receiver?.kill();
});

test.beforeEach(async () => {
  await post('/_reset', {});
});

async function post(path: string, body: unknown): Promise<void> {
  const r = await fetch(base + path, { method: 'POST', body: JSON.stringify(body) });
  expect(r.ok).toBe(true);
}

const control = (settings: Record<string, unknown>) => post('/_control', settings);
const log = async (): Promise<Log> => (await fetch(`${base}/_log`)).json();

/** The form's address, open (preview) and sending to the receiver. */
const formUrl = (at = OPEN) => `/${EVENT}/register/?preview-at=${at}&preview-endpoint=${encodeURIComponent(`${base}/register`)}`;

async function fastRetries(context: BrowserContext, timing: Record<string, number> = FAST): Promise<void> {
  await context.addInitScript((t) => localStorage.setItem('istio-events:retry-timing', t), JSON.stringify(timing));
}

async function openForm(page: Page): Promise<void> {
  await page.goto(formUrl());
  // Ten browsers start the app at once on two cores: give the form time to come alive.
  await expect(page.locator('form.registration-form')).toBeVisible({ timeout: 30_000 });
}

type Person = { name: string; email: string };

/** Fills the required answers (and a few optional ones) of IstioCon 2022's form. */
async function fill(page: Page, who: Person): Promise<void> {
  await page.locator('#q-name').fill(who.name);
  await page.locator('#q-email').fill(who.email);
  await page.getByRole('radio', { name: 'One to three years' }).check();
  await page.getByRole('checkbox', { name: 'English', exact: true }).check();
  await page.locator('#c-code-of-conduct').check();
  await page.locator('#c-privacy').check();
}

const status = (page: Page) => page.locator('p.delivery-status');
const submit = (page: Page) => page.getByRole('button', { name: 'Register', exact: true });
const saved = (page: Page) => page.evaluate((k) => localStorage.getItem(k), SAVED_KEY);

/** Console lines, to check that nothing personal is ever logged. */
function watchConsole(page: Page, lines: string[] = []): string[] {
  page.on('console', (m) => lines.push(m.text()));
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return lines;
}

test.describe('the event page', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('shows registration as not open yet (opening time in both zones), open, or closed', async ({ page }) => {
    await page.goto(`/${EVENT}/?preview-at=2022-03-01T12:00:00Z`);
    const box = page.locator('section.registration-status');
    await expect(box).toContainText('Not open yet: opens in 20 days.');
    await expect(box.locator('.clock-event dd')).toHaveText(/^Mon, Mar 21, 2022, 0?4:00 PM UTC$/);
    await expect(box.locator('.clock-local dd')).toContainText('Mar 22, 2022, 01:00 AM GMT+9');
    await expect(page.getByRole('complementary', { name: 'Preview' })).toContainText('Preview: the site as of');
    await expect(page.locator('.badge').first()).toHaveText('Upcoming');

    await page.goto(`/${EVENT}/?preview-at=${OPEN}`);
    await expect(box).toContainText('Open: closes in 28 days.');
    await box.getByRole('link', { name: 'Register' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register for IstioCon 2022');
    // The preview goes with the visit: the form is open on the form's page too.
    await expect(page.locator('form.registration-form')).toBeVisible();

    await page.goto(`/${EVENT}/`);
    await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
    await expect(box).toContainText('Closed.');
    await expect(page.getByRole('complementary', { name: 'Preview' })).toHaveCount(0);
  });

  test('a preview endpoint elsewhere than this computer is refused, and said so', async ({ page }) => {
    await page.goto(`/${EVENT}/register/?preview-at=${OPEN}&preview-endpoint=https://collector.example/steal`);
    await expect(page.getByRole('complementary', { name: 'Preview' })).toContainText('registrations still go to the organizers');
  });
});

test('without JavaScript the form page shows the dates and the state, and no dead form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/${EVENT}/register/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register for IstioCon 2022');
  await expect(page.locator('.register-dates .clock-event dd').first()).toHaveText('Mon, Mar 21, 2022, 4:00 PM UTC');
  // Built after the event: closed, and no form that would do nothing.
  await expect(page.locator('.register-state')).toHaveText('Registration is closed.');
  await expect(page.locator('form')).toHaveCount(0);
  await context.close();
});

test('a valid registration arrives once, with the right body and key, however often it is submitted', async ({ page, context, baseURL }) => {
  await fastRetries(context);
  const lines = watchConsole(page);
  // No request goes anywhere but the site itself and the endpoint.
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`${baseURL}/`) && !r.url().startsWith(`${base}/register`)) elsewhere.push(r.url());
  });
  await openForm(page);
  const who = { name: 'Zoë Ådahl-Nguyễn 李小龍', email: 'zoe@example.com' };
  await fill(page, who);
  await page.locator('#q-github').fill('zoe-adahl');
  await page.locator('#q-viewers').fill('3');
  await page.locator('#q-wishes').fill('Ambient mode\nin production');
  await page.getByRole('checkbox', { name: 'This is my first IstioCon' }).check();
  // A double click, then Enter on top of it.
  await submit(page).dblclick();
  await page.keyboard.press('Enter');

  await expect(status(page)).toContainText('Registered. Your reference is');
  await expect(page.getByRole('heading', { name: 'You are registered' })).toBeVisible();
  const { requests, registrations } = await log();
  expect(requests).toHaveLength(1);
  const [r] = requests;
  expect(r.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(r.content_type).toBe('application/json');
  expect(r.body).toEqual({
    event: EVENT,
    idempotency_key: r.key,
    reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    submitted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    answers: {
      name: who.name,
      email: who.email,
      experience: 'One to three years',
      languages: ['English'],
      github: 'zoe-adahl',
      viewers: 3,
      wishes: 'Ambient mode\nin production',
      'first-istiocon': true,
    },
    consents: { 'code-of-conduct': true, privacy: true, updates: false },
  });
  // The real time is sent, not the previewed one.
  expect(new Date(r.body.submitted_at).getFullYear()).toBeGreaterThan(2022);
  expect(Object.keys(registrations)).toEqual([r.key]);

  // The confirmation: the reference, what was sent, the calendar file.
  await expect(page.locator('.reference strong')).toHaveText(r.body.reference);
  await expect(page.locator('dl.summary')).toContainText(who.name);
  await expect(page.locator('dl.summary')).toContainText('Ambient mode');
  await expect(page.getByRole('link', { name: 'Add IstioCon 2022 to your calendar' })).toHaveAttribute('href', `/${EVENT}/${EVENT}.ics`);
  // The copy saved on the device is gone once the endpoint confirmed it.
  expect(await saved(page)).toBeNull();
  expect(lines.filter((l) => l.includes('zoe') || l.includes('Zoë'))).toEqual([]);
  expect(elsewhere).toEqual([]);

  // Someone else: a new, empty form and a new key.
  await page.getByRole('button', { name: 'Register someone else' }).click();
  await expect(page.locator('#q-name')).toHaveValue('');
  await fill(page, { name: 'Ada Lovelace', email: 'ada@example.com' });
  await submit(page).click();
  await expect(status(page)).toContainText('Registered.');
  const after = await log();
  expect(after.requests).toHaveLength(2);
  expect(after.requests[1].key).not.toBe(r.key);
});

test('every invalid answer shows its error, tied to its field and announced; nothing typed is lost', async ({ page, context }) => {
  await fastRetries(context);
  await openForm(page);
  const live = page.locator('main p[aria-live="polite"]');

  // Submitting the empty form: every required answer, the first one focused.
  await submit(page).click();
  const required: [string, string][] = [
    ['q-name', 'Enter your name.'],
    ['q-email', 'Enter your email address.'],
    ['q-experience', 'Choose one of the options.'],
    ['q-languages', 'Choose at least one option.'],
    ['c-code-of-conduct', 'Tick this box to register: I accept the Istio code of conduct.'],
    ['c-privacy', "Tick this box to register: I have read the Linux Foundation's privacy policy."],
  ];
  await expect(page.locator('#q-name')).toBeFocused();
  await expect(live).toContainText('Not sent: 6 answers need a change.');
  for (const [id, message] of required) {
    await expect(page.locator(`#${id}-error`)).toHaveText(message);
    await expect(live).toContainText(message);
    await expect(page.locator(`#${id}`)).toHaveAttribute('aria-describedby', new RegExp(`(^| )${id}-error$`));
    if (!id.startsWith('q-languages')) await expect(page.locator(`#${id}`)).toHaveAttribute('aria-invalid', 'true');
  }
  await expect(page.locator('#q-languages input').first()).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.error-summary li')).toHaveCount(6);
  // The summary's entries take the focus to their field.
  await page.locator('.error-summary').getByRole('button', { name: /^Email address:/ }).click();
  await expect(page.locator('#q-email')).toBeFocused();

  // Leaving a field with a wrong answer: its error, announced.
  const wrong: [string, string, string][] = [
    ['q-email', 'ada@example', 'Enter an email address such as name@example.com.'],
    ['q-github', '-ada-', 'Use letters, digits and dashes, not starting or ending with a dash.'],
    ['q-viewers', 'many', 'Enter a whole number, such as 3.'],
    ['q-viewers', '51', 'Enter 50 or less.'],
    ['q-wishes', 'x'.repeat(501), 'Use at most 500 characters (now 501).'],
    ['q-name', 'Ada\u0007', 'Remove the invisible control characters (they came with pasted text).'],
  ];
  for (const [id, value, message] of wrong) {
    await page.locator(`#${id}`).fill(value);
    await page.locator(`#${id}`).blur();
    await expect(page.locator(`#${id}-error`)).toHaveText(message);
    await expect(page.locator(`#${id}`)).toHaveAttribute('aria-invalid', 'true');
    await expect(live).toContainText(message);
    // The wrong answer stays in the field.
    await expect(page.locator(`#${id}`)).toHaveValue(value);
  }
  // Correcting an answer clears its error as it is typed.
  await page.locator('#q-email').fill('ada@example.com');
  await expect(page.locator('#q-email-error')).toHaveCount(0);
  await expect(page.locator('#q-email')).not.toHaveAttribute('aria-invalid', 'true');

  // Nothing was sent while answers were wrong.
  await submit(page).click();
  expect((await log()).requests).toHaveLength(0);
  await expect(page.locator('#q-name')).toBeFocused();
  await expect(page.locator('#q-email')).toHaveValue('ada@example.com');
});

test('a refusal (4xx) shows the endpoint\'s message next to the form and keeps every answer', async ({ page, context }) => {
  await fastRetries(context);
  await control({ refuse_email: 'taken@example.com' });
  await openForm(page);
  await fill(page, { name: 'Grace Hopper', email: 'taken@example.com' });
  await page.locator('#q-github').fill('grace');
  await submit(page).click();
  const alert = page.locator('.server-message[role="alert"]');
  await expect(alert).toContainText('This email address is already registered.');
  await expect(page.locator('#q-name')).toHaveValue('Grace Hopper');
  await expect(page.locator('#q-email')).toHaveValue('taken@example.com');
  await expect(page.locator('#q-github')).toHaveValue('grace');
  await expect(page.getByRole('radio', { name: 'One to three years' })).toBeChecked();
  await expect(page.locator('#c-privacy')).toBeChecked();
  expect(await saved(page)).toBeNull();
  const first = (await log()).requests;
  expect(first).toHaveLength(1);

  await page.locator('#q-email').fill('grace@example.com');
  await submit(page).click();
  await expect(status(page)).toContainText('Registered.');
  const { requests, registrations } = await log();
  expect(requests).toHaveLength(2);
  expect(requests[1].key).not.toBe(first[0].key);
  expect(Object.keys(registrations)).toEqual([requests[1].key]);
});

test('200 registrations while 30% of requests fail all arrive, each exactly once by key', async ({ browser }) => {
  test.setTimeout(240_000);
  await control({ fail_rate: 0.3, failures: ['500', 'slow', 'close'], slow_seconds: 1.5, seed: 4 });
  const CONTEXTS = 10;
  const EACH = 20;
  const shown: { email: string; reference: string }[] = [];
  const consoles: string[] = [];

  async function worker(browser: Browser, c: number): Promise<void> {
    const context = await browser.newContext();
    await fastRetries(context);
    const page = await context.newPage();
    watchConsole(page, consoles);
    await openForm(page);
    for (let i = 0; i < EACH; i++) {
      const who = { name: `Łukasz Žák ${c}-${i}`, email: `p${c}-${i}@example.com` };
      // The form's own controls, filled and submitted in one step (fewer round trips on a
      // busy CI machine; the fields' events are the browser's own).
      await page.evaluate((who) => {
        const type = (id: string, value: string) => {
          const input = document.getElementById(id) as HTMLInputElement;
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        const click = (selector: string) => (document.querySelector(selector) as HTMLElement).click();
        type('q-name', who.name);
        type('q-email', who.email);
        click('#q-experience input[value="One to three years"]');
        click('#q-languages input[value="English"]');
        click('#c-code-of-conduct');
        click('#c-privacy');
        click('form.registration-form button[type="submit"]');
      }, who);
      await expect(page.getByRole('heading', { name: 'You are registered' })).toBeVisible({ timeout: 60_000 });
      shown.push({ email: who.email, reference: (await page.locator('.reference strong').textContent()) ?? '' });
      await page.getByRole('button', { name: 'Register someone else' }).click();
    }
    expect(await saved(page)).toBeNull();
    await context.close();
  }

  const started = Date.now();
  await Promise.all(Array.from({ length: CONTEXTS }, (_, c) => worker(browser, c)));
  // Answers sent after a timeout may still be on their way to the receiver.
  await new Promise((r) => setTimeout(r, 2000));
  const { requests, registrations, conflicts } = await log();

  const sent = shown.length;
  const keys = new Set(requests.map((r) => r.key));
  const stored = Object.values(registrations);
  const byEmail = new Map<string, number>();
  for (const r of stored) byEmail.set(r.body.answers.email, (byEmail.get(r.body.answers.email) ?? 0) + 1);
  const duplicates = [...byEmail.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
  const lost = shown.filter((s) => !stored.some((r) => r.body.answers.email === s.email && r.reference === s.reference)).length;
  const outcomes: Record<string, number> = {};
  for (const r of requests) outcomes[r.outcome ?? 'pending'] = (outcomes[r.outcome ?? 'pending'] ?? 0) + 1;
  const repeats = stored.reduce((a, r) => a + r.repeats, 0);
  console.log(
    `registration fault test: sent ${sent}, received ${requests.length} requests, unique keys ${keys.size}, ` +
      `stored ${stored.length}, duplicates ${duplicates}, lost ${lost}, key conflicts ${conflicts.length}; ` +
      `repeats absorbed by key ${repeats}; answers ${JSON.stringify(outcomes)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(sent).toBe(CONTEXTS * EACH);
  expect(keys.size).toBe(sent);
  expect(stored).toHaveLength(sent);
  expect(duplicates).toBe(0);
  expect(lost).toBe(0);
  expect(conflicts).toEqual([]);
  // The faults did happen.
  expect(outcomes['500'] ?? 0).toBeGreaterThan(0);
  expect(outcomes['stored+slow'] ?? 0).toBeGreaterThan(0);
  expect((outcomes['close'] ?? 0) + (outcomes['stored+close'] ?? 0)).toBeGreaterThan(0);
  expect(consoles.filter((l) => l.includes('@example.com') || l.includes('Łukasz'))).toEqual([]);
});

test('a reload during a failing submission keeps the registration, which arrives once the endpoint recovers', async ({ page, context }) => {
  await fastRetries(context);
  await control({ status: 503 });
  await openForm(page);
  await fill(page, { name: 'Ngozi Okonjo', email: 'ngozi@example.com' });
  await submit(page).click();
  await expect(status(page)).toContainText('Saved on this device, will retry');
  await expect(status(page)).toContainText('status 503');
  const copy = JSON.parse((await saved(page)) ?? 'null');
  expect(copy?.body).toContain('ngozi@example.com');

  await page.reload();
  await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  // After the reload: the saved registration, still on its way, and no new form.
  await expect(page.getByRole('heading', { name: 'Your registration is on its way' })).toBeVisible();
  await expect(page.locator('dl.summary')).toContainText('Ngozi Okonjo');
  await expect(status(page)).toContainText('Saved on this device, will retry');
  await expect(page.locator('form.registration-form')).toHaveCount(0);

  await control({ status: null });
  await expect(status(page)).toContainText('Registered.');
  const { requests, registrations } = await log();
  expect(requests.length).toBeGreaterThan(2);
  expect(new Set(requests.map((r) => r.key))).toEqual(new Set([copy.key]));
  expect(Object.keys(registrations)).toEqual([copy.key]);
  expect(await saved(page)).toBeNull();
});

test('offline, the registration waits on the device; back online, it is sent at once', async ({ page, context }) => {
  // Retries far apart: only the browser's `online` event can make it arrive quickly.
  await fastRetries(context, { timeout_ms: 2000, first_retry_ms: 60_000, max_retry_ms: 60_000 });
  await openForm(page);
  await fill(page, { name: 'Søren Kierkegaard', email: 'soren@example.com' });
  await context.setOffline(true);
  await submit(page).click();
  await expect(status(page)).toContainText('Saved on this device: it will be sent when you are online');
  expect((await log()).requests).toHaveLength(0);
  expect(await saved(page)).not.toBeNull();
  // Another click changes nothing: the form is gone while it is on its way.
  await expect(submit(page)).toHaveCount(0);

  await context.setOffline(false);
  await expect(status(page)).toContainText('Registered.', { timeout: 5_000 });
  const { requests, registrations } = await log();
  expect(requests).toHaveLength(1);
  expect(Object.keys(registrations)).toHaveLength(1);
  expect(await saved(page)).toBeNull();
});

test.describe('accessibility of the form', () => {
  const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

  async function violations(page: Page, state: string): Promise<string[]> {
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(results.passes.length).toBeGreaterThan(0);
    return results.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}) when ${state}: ${v.help}\n    ${n.target.join(' ')}\n    ${n.failureSummary ?? ''}`),
    );
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`no WCAG 2.1 AA violations when empty, invalid, sending and done (${scheme})`, async ({ page, context }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await fastRetries(context, { timeout_ms: 30_000, first_retry_ms: 100, max_retry_ms: 1000 });
      await openForm(page);
      expect(await violations(page, 'empty')).toEqual([]);

      await submit(page).click();
      await page.locator('#q-email').fill('nope');
      await page.locator('#q-email').blur();
      await expect(page.locator('.error-summary')).toBeVisible();
      expect(await violations(page, 'invalid')).toEqual([]);

      await control({ hold: true });
      await fill(page, { name: 'Ada Lovelace', email: 'ada@example.com' });
      await submit(page).click();
      await expect(status(page)).toHaveText('Sending your registration…');
      expect(await violations(page, 'sending')).toEqual([]);

      await control({ hold: false });
      await expect(page.getByRole('heading', { name: 'You are registered' })).toBeVisible();
      expect(await violations(page, 'done')).toEqual([]);
    });
  }
});
