// Registration against the real registration service (crates/registrations), not receiver.py:
// the browser form sends to `registrations serve` with a SQLite database, through
// `registrations-dev fault-proxy` (500s, answers slower than the form's timeout, dropped
// connections, before and after the service stored the registration). Checks what organizers
// see with `registrations export`: a registration arrives with its Unicode name intact; a
// server-side refusal (registration closed by the server's clock; an organizer's pattern the
// server has and the built page not) is shown to the visitor; 200 registrations from 10
// browser contexts while 30% of requests fail are stored 200 times, none twice.
//
// The binaries are the debug builds of `cargo build -p registrations` (scripts/test's native
// tests build them; they are built here if missing). Fields are found by label and role where they have
// one (text inputs by their ids, which the form keeps), so these tests hold for any form with
// the same labels and ids.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

const EVENT = 'istiocon-2022';
const OPEN = '2022-04-01T12:00:00Z';
const FAST = { timeout_ms: 1000, first_retry_ms: 100, max_retry_ms: 1000 };
const ROOT = resolve(__dirname, '../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'istio-events/target');
const BIN = join(TARGET, 'debug/registrations');
/** The test tools (the fault proxy), kept out of the production binary. */
const DEV_BIN = join(TARGET, 'debug/registrations-dev');
const SITE_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;

type Exported = { reference: string; idempotency_key: string; waiting_list: boolean; answers: Record<string, unknown>; consents: Record<string, boolean> };

const children: ChildProcess[] = [];
let work = '';

/** Starts a binary and waits for the address it prints on stderr (`... http://127.0.0.1:PORT`). */
function start(args: string[], pattern: RegExp, bin = BIN): Promise<string> {
  const child = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, RUST_LOG: 'registrations=warn' } });
  children.push(child);
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited (${code}): ${seen}`)));
  });
}

/** A service on a free port with its own database; its address. */
async function service(name: string, content: string, extra: string[] = []): Promise<{ url: string; database: string }> {
  const database = `sqlite:${join(work, `${name}.sqlite`)}`;
  const url = await start(
    ['serve', '--content', content, '--database', database, '--listen', '127.0.0.1:0', '--allow-origin', SITE_ORIGIN, '--rate-limit', '0', ...extra],
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  return { url, database };
}

let main: { url: string; database: string };
let proxy = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  if (!existsSync(BIN) || !existsSync(DEV_BIN)) execFileSync('cargo', ['build', '--quiet', '-p', 'registrations', '--bins'], { cwd: ROOT, stdio: 'inherit' });
  work = mkdtempSync(join(tmpdir(), 'registrations-e2e-'));
  // The events are past: this service accepts registrations whatever the dates (as under scripts/serve).
  main = await service('main', 'content', ['--ignore-dates']);
  proxy = await start(['fault-proxy', '--upstream', main.url, '--fail-rate', '0', '--slow-ms', '1500'], /fault proxy on (http:\/\/127\.0\.0\.1:\d+)/, DEV_BIN);
});

test.afterAll(() => {
  for (const c of children) c.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function faults(fail_rate: number): Promise<void> {
  const r = await fetch(`${proxy}/_proxy/faults`, { method: 'POST', body: JSON.stringify({ fail_rate, slow_ms: 1500 }) });
  expect(r.status).toBe(204);
}

function exported(database: string): Exported[] {
  return JSON.parse(execFileSync(BIN, ['export', '--database', database, '--event', EVENT, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }));
}

const formUrl = (endpoint: string) =>
  `/${EVENT}/register/?preview-at=${OPEN}&preview-endpoint=${encodeURIComponent(`${endpoint}/events/${EVENT}/registrations`)}`;

async function fastRetries(context: BrowserContext): Promise<void> {
  await context.addInitScript((t) => localStorage.setItem('istio-events:retry-timing', t), JSON.stringify(FAST));
}

async function fill(page: Page, who: { name: string; email: string }): Promise<void> {
  await page.locator('#q-name').fill(who.name);
  await page.locator('#q-email').fill(who.email);
  await page.getByRole('radio', { name: 'One to three years' }).check();
  await page.getByRole('checkbox', { name: 'English', exact: true }).check();
  await page.locator('#c-code-of-conduct').check();
  await page.locator('#c-privacy').check();
}

const submit = (page: Page) => page.getByRole('button', { name: 'Register', exact: true });

test('a registration arrives in the database and shows in the export with its Unicode name intact', async ({ page, context }) => {
  await faults(0);
  await fastRetries(context);
  await page.goto(formUrl(proxy));
  const who = { name: 'Zoë Ådahl-Nguyễn 李小龍', email: 'zoe.e2e@example.com' };
  await fill(page, who);
  await submit(page).click();
  await expect(page.getByRole('heading', { name: 'You are registered' })).toBeVisible();
  const shown = (await page.locator('.reference strong').textContent())?.trim();
  const rows = exported(main.database).filter((r) => r.answers.email === who.email);
  expect(rows).toHaveLength(1);
  expect(rows[0].answers.name).toBe(who.name);
  expect(rows[0].reference).toBe(shown);
  expect(rows[0].answers.languages).toEqual(['English']);
  expect(rows[0].consents.privacy).toBe(true);
  expect(rows[0].waiting_list).toBe(false);
  // The CSV export has the same name, byte for byte (UTF-8).
  const csv = execFileSync(BIN, ['export', '--database', main.database, '--event', EVENT], { cwd: ROOT, encoding: 'utf8' });
  expect(csv).toContain(who.name);
});

test('the server refuses what it must: registration closed by its clock, and an organizer pattern the page did not have', async ({ page, context }) => {
  await fastRetries(context);
  // A service that checks dates: IstioCon 2022's registration closed in 2022.
  const dated = await service('dated', 'content');
  await page.goto(formUrl(dated.url));
  await fill(page, { name: 'Grace Hopper', email: 'grace@example.com' });
  await submit(page).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Registration for IstioCon 2022 has closed.' })).toBeVisible();
  await expect(page.locator('#q-name')).toHaveValue('Grace Hopper');
  expect(exported(dated.database)).toHaveLength(0);

  // Organizers made a pattern stricter after the site was built: the server has the last word,
  // and names the field.
  const content = join(work, 'strict-content');
  cpSync(join(ROOT, 'content'), content, { recursive: true });
  const eventFile = join(content, EVENT, 'event.md');
  const text = readFileSync(eventFile, 'utf8');
  const strict = text.replace('pattern: "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"', 'pattern: "[a-z]+"');
  expect(strict).not.toBe(text);
  writeFileSync(eventFile, strict);
  const picky = await service('strict', content, ['--ignore-dates']);
  await page.goto(formUrl(picky.url));
  await fill(page, { name: 'Grace Hopper', email: 'grace@example.com' });
  await page.locator('#q-github').fill('Grace-H');
  await submit(page).click();
  await expect(page.getByRole('alert').filter({ hasText: 'GitHub user name: Use letters, digits and dashes' })).toBeVisible();
  await expect(page.locator('#q-github')).toHaveValue('Grace-H');
  // The server's message is next to its field, tied to it for screen readers, and the other
  // fields are not marked.
  const github = page.locator('#q-github');
  await expect(page.locator('#q-github-error')).toHaveText('Use letters, digits and dashes, not starting or ending with a dash.');
  await expect(github).toHaveAttribute('aria-invalid', 'true');
  await expect(github).toHaveAttribute('aria-describedby', /(^| )q-github-error( |$)/);
  await expect(page.locator('#q-name')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('p.field-error[id^="q-"]')).toHaveCount(1);
  expect(exported(picky.database)).toHaveLength(0);
  // The answer names the field, for the form to show it there.
  const body = {
    event: EVENT, idempotency_key: crypto.randomUUID(), reference: 'TEST-0001', submitted_at: OPEN,
    answers: { name: 'Grace Hopper', email: 'grace@example.com', experience: 'Not yet', languages: ['English'], github: 'Grace-H', 'first-istiocon': false },
    consents: { 'code-of-conduct': true, privacy: true, updates: false },
  };
  const r = await fetch(`${picky.url}/events/${EVENT}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(422);
  expect((await r.json()).errors).toEqual([{ field: 'question', id: 'github', message: 'Use letters, digits and dashes, not starting or ending with a dash.' }]);
});

test('200 registrations while 30% of requests fail are stored 200 times, none twice', async ({ browser }) => {
  test.setTimeout(300_000);
  await faults(0.3);
  const before = exported(main.database).length;
  const CONTEXTS = 10;
  const EACH = 20;
  const shown: { email: string; reference: string }[] = [];

  async function worker(browser: Browser, c: number): Promise<void> {
    const context = await browser.newContext();
    await fastRetries(context);
    const page = await context.newPage();
    await page.goto(formUrl(proxy));
    await expect(submit(page)).toBeVisible();
    for (let i = 0; i < EACH; i++) {
      const who = { name: `Łukasz Žák ${c}-${i}`, email: `fault-${c}-${i}@example.com` };
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
        click('form button[type="submit"]');
      }, who);
      await expect(page.getByRole('heading', { name: 'You are registered' })).toBeVisible({ timeout: 60_000 });
      shown.push({ email: who.email, reference: ((await page.locator('.reference strong').textContent()) ?? '').trim() });
      await page.getByRole('button', { name: 'Register someone else' }).click();
    }
    await context.close();
  }

  const started = Date.now();
  await Promise.all(Array.from({ length: CONTEXTS }, (_, c) => worker(browser, c)));
  await new Promise((r) => setTimeout(r, 2000));
  await faults(0);
  const proxied = await (await fetch(`${proxy}/_proxy/stats`)).json();
  const rows = exported(main.database).filter((r) => String(r.answers.email).startsWith('fault-'));
  const byEmail = new Map<string, number>();
  for (const r of rows) byEmail.set(String(r.answers.email), (byEmail.get(String(r.answers.email)) ?? 0) + 1);
  const duplicates = [...byEmail.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
  const lost = shown.filter((s) => !rows.some((r) => r.answers.email === s.email && r.reference === s.reference)).length;
  console.log(
    `registration service fault test: sent ${shown.length}, stored ${rows.length}, duplicates ${duplicates}, lost ${lost}; ` +
      `proxy ${JSON.stringify(proxied)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(shown).toHaveLength(CONTEXTS * EACH);
  expect(rows).toHaveLength(CONTEXTS * EACH);
  expect(duplicates).toBe(0);
  expect(lost).toBe(0);
  expect(exported(main.database).length - before).toBe(CONTEXTS * EACH);
  // Faults happened, of every kind.
  for (const kind of ['500', 'close', 'stored+500', 'stored+close', 'stored+slow']) expect(proxied[kind] ?? 0).toBeGreaterThan(0);
});

test('with the service worker, a registration sent offline is kept by Background Sync and arrives once the network is back, exactly once', async ({ browser }) => {
  test.setTimeout(90_000);
  // Every other journey blocks the worker; this one is about it.
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await fastRetries(context);
  const page = await context.newPage();
  await page.goto(formUrl(main.url));
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20_000 });
  const who = { name: 'Hedy Lamarr', email: 'background-sync@example.com' };
  await fill(page, who);
  await context.setOffline(true);
  await submit(page).click();
  await expect(page.locator('p.delivery-status')).toContainText('Saved on this device: it will be sent when you are online');
  const key = await page.evaluate(() => {
    const name = Object.keys(localStorage).find((k) => k.startsWith('istio-events:registration:'));
    return name ? (JSON.parse(localStorage.getItem(name)!) as { key: string }).key : null;
  });
  expect(key).not.toBeNull();
  const mine = () => exported(main.database).filter((r) => r.answers.email === who.email);
  expect(mine()).toHaveLength(0);

  // The page is gone: only the worker can send it now. Back online, Background Sync does.
  await page.close();
  await context.setOffline(false);
  await expect.poll(() => mine().length, { timeout: 30_000, message: 'the worker sent the registration' }).toBe(1);
  expect(mine()[0].idempotency_key).toBe(key);

  // The next visit's outbox sends its own copy (the same key): answered as already stored, and
  // the device's copy is gone; still one row.
  const again = await context.newPage();
  await again.goto(formUrl(main.url));
  await expect
    .poll(() => again.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('istio-events:registration:')).length), { timeout: 20_000 })
    .toBe(0);
  expect(mine()).toHaveLength(1);
  expect(mine()[0].answers.name).toBe(who.name);
  await context.close();
});
