// Hostile content (tests/fixtures/hostile): every text field of an event, its sessions,
// speakers, organizers and registration form holds <script> elements, `</script>`, `<!--`,
// event handlers, javascript: and data: addresses and quotes. Built like the real site
// (scripts/test: CONTENT_DIR=tests/fixtures/hostile DIST_DIR=dist-hostile scripts/build) and
// served with deploy/nginx.conf, every page type must show those texts as text: no script of
// theirs runs (no dialog, `window.__pwned` never set, no console error), no element has an on*
// attribute, no address is javascript: or data:, every script is the site's own, and the
// event's JSON-LD parses as JSON with the name intact. Skipped when dist-hostile/ is not built.
// The same folder holds one event made as organizers make one from their call-for-proposals
// tool (`content new-event`, then `content import pretalx` of the importer tests' Boston
// export): its programme opens with every session, track and format the export had.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, main, serveBuild, test } from './support';

const DIST = resolve(__dirname, process.env.E2E_HOSTILE_DIST ?? '../../dist-hostile');
const BASE = serveBuild(DIST, Number(process.env.E2E_PORT ?? 4173) + 3, 'CONTENT_DIR=tests/fixtures/hostile DIST_DIR=dist-hostile scripts/build');

/** The hostile event's summary, as the build read it (the folder has an imported event too). */
function hostile(): { name: string; summary: string } {
  const index = JSON.parse(readFileSync(resolve(DIST, 'data/events.json'), 'utf8'));
  return index.events.find((e: { slug: string }) => e.slug === 'hostile-2030');
}

/** The compiled name of the hostile event. */
function eventName(): string {
  return hostile().name;
}

const PAGES: [string, string][] = [
  ['home', '/'],
  ['event overview', '/hostile-2030/'],
  ['programme', '/hostile-2030/programme/'],
  ['tracks', '/hostile-2030/tracks/'],
  ['my agenda (shared)', '/hostile-2030/agenda/?s=h1,h2'],
  ['session', '/hostile-2030/sessions/h1/'],
  ['second session', '/hostile-2030/sessions/h2/'],
  ['speaker', '/speakers/mallory/'],
  ['registration form (open, previewed)', '/hostile-2030/register/?preview-at=2030-02-15T12:00:00Z'],
  ['404', '/no-such-page/'],
];

/** What the live document holds that could run: on* attributes, script addresses, foreign scripts. */
async function dangers(page: Page, html?: string): Promise<string[]> {
  return page.evaluate((html) => {
    // The live document, or `html` as a browser parses it (parsing runs no script).
    const doc = html === undefined ? document : new DOMParser().parseFromString(html, 'text/html');
    const found: string[] = [];
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'srcdoc', 'background'];
    // Elements inside <template> (the registration form) too.
    const all = (root: ParentNode): Element[] =>
      Array.from(root.querySelectorAll('*')).flatMap((e) => (e instanceof HTMLTemplateElement ? [e, ...all(e.content)] : [e]));
    for (const el of all(doc)) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
        if (name === 'style') found.push(`<${el.tagName.toLowerCase()} style="${attr.value}">`);
        // Browsers ignore leading spaces and control characters and case in a scheme.
        const value = attr.value.replace(/^[\s\u0000-\u001f]+/, '').toLowerCase();
        if (urlAttributes.includes(name) && (value.startsWith('javascript:') || value.startsWith('data:') || value.startsWith('vbscript:'))) {
          found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
        }
      }
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) found.push(`<${tag}>`);
    }
    for (const s of all(doc).filter((e): e is HTMLScriptElement => e instanceof HTMLScriptElement)) {
      const type = s.type || 'text/javascript';
      // Data blocks, which no browser runs: JSON-LD (checked below) and the page's data for the
      // app (`#page-data`), whose text must still parse as JSON (nothing can end it early).
      if (type === 'application/ld+json') continue;
      if (type === 'application/json' && s.id === 'page-data') {
        try {
          JSON.parse(s.textContent ?? '');
        } catch {
          found.push('page data that is not JSON');
        }
        continue;
      }
      if (s.src) {
        if (new URL(s.getAttribute('src') ?? '', location.href).origin !== location.origin) found.push(`script from ${s.src}`);
      } else if ((s.textContent ?? '').includes('__pwned')) {
        found.push(`inline script with the content's text: ${s.textContent?.slice(0, 120)}`);
      }
    }
    return found;
  }, html);
}

for (const [name, path] of PAGES) {
  test(`${name}: the hostile texts are inert`, async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // A broken image of the content's (`<img src=x>`, kept without its handler) is not a script.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    const response = await page.goto(BASE + path);
    expect(response?.status()).toBe(name === '404' ? 404 : 200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (name !== '404') await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
    // Whatever could react to a visitor: hover and focus every element, click nothing.
    await page.mouse.move(10, 10);
    for (const el of (await page.locator('main a, main button, main h1, main h2, main p').all()).slice(0, 40)) await el.hover({ trial: true, timeout: 200 }).catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), 'no script of the content ran').toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await dangers(page)).toEqual([]);
  });
}

test('the texts are shown whole, as text', async ({ page }) => {
  const name = eventName();
  expect(name).toContain('</script>');
  expect(name).toContain('"');
  expect(name).toContain("'");
  await page.goto(`${BASE}/hostile-2030/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page).toHaveTitle(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await page.goto(`${BASE}/hostile-2030/sessions/h1/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText("</script><script>window.__pwned='session-title'</script>");
});

test("the event's JSON-LD parses as JSON and carries the name and summary intact", async ({ page }) => {
  const name = eventName();
  await page.goto(`${BASE}/hostile-2030/`);
  const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(ld.length, 'one JSON-LD element, not cut short by the content').toBe(1);
  const json = JSON.parse(ld[0]);
  expect(json.name).toBe(name);
  expect(json.description).toBe(hostile().summary);
  expect(json.description).toContain('<!--<script>');
  // Nothing after the JSON-LD was swallowed into it: the page's body is still there.
  await expect(page.locator('main#main')).toHaveCount(1);
});

test('the served HTML of every page, parsed without running it, has nothing that could run', async ({ page, request }) => {
  await page.goto(`${BASE}/no-such-page/`);
  for (const [, path] of PAGES) {
    const html = await (await request.get(BASE + path)).text();
    expect(await dangers(page, html), path).toEqual([]);
  }
});

test("an imported event's programme opens with the export's sessions, tracks and formats", async ({ page }) => {
  await page.goto(`${BASE}/istio-day-boston-2031/programme/`);
  await expect(page.locator('html[data-app="live"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const sessions = main(page).locator('ul.session-list > li:visible');
  await expect(sessions).toHaveCount(7);
  // The pretalx export's first session, before its day's day_start, with its type (a format the
  // import added) and its HTML abstract made Markdown.
  await expect(sessions.first()).toContainText('Breakfast with the maintainers');
  await expect(sessions.first()).toContainText('Meetup');
  // Its tracks, in the export's order, filter the list.
  const track = page.getByLabel('Track');
  await expect(track.locator('option')).toHaveText(['All tracks', 'Traffic management', 'Security', 'Community']);
  await track.selectOption({ label: 'Security' });
  await expect(sessions).toHaveCount(2);
  await sessions.getByRole('link', { name: 'Workshop: mTLS step by step' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workshop: mTLS step by step');
  await expect(main(page)).toContainText('Turn on strict mTLS one namespace at a time.');
  // No answer the speakers gave the programme team is on the page.
  expect(await page.content()).not.toContain('617 555');
});
