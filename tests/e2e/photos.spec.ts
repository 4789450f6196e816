// Photos (issue 22): the photos fixture (tests/fixtures/photos: generated images, see its
// README) built like the real site (scripts/test: CONTENT_DIR=tests/fixtures/photos
// DIST_DIR=dist-photos scripts/build) and served with deploy/nginx.conf. On a speaker page and a
// session page: a <picture> with WebP and JPEG srcsets of both widths, width and height set,
// lazy below the fold (not the speaker page's own photo), no layout shift while the photos load,
// no broken image, initials for the speaker without a photo, the photos cached as immutable;
// axe finds nothing on a speaker page with a photo and one with initials, light and dark.
// Skipped when dist-photos/ is not built.
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import { type Page } from '@playwright/test';
import { expect, serveBuild, test } from './support';

const DIST = resolve(__dirname, process.env.E2E_PHOTOS_DIST ?? '../../dist-photos');
const BASE = serveBuild(DIST, Number(process.env.E2E_PORT ?? 4173) + 8, 'CONTENT_DIR=tests/fixtures/photos DIST_DIR=dist-photos scripts/build');

/** Opens `path` with a buffered layout-shift observer installed before any of the page runs. */
async function openWatchingShifts(page: Page, path: string): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __shift: number }).__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!e.hadRecentInput) (window as unknown as { __shift: number }).__shift += e.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(BASE + path);
  await page.waitForLoadState('load');
}

/** Scrolls every image into view, waits for all of them, and returns the layout shift so far. */
async function settle(page: Page): Promise<number> {
  await page.evaluate(async () => {
    for (const img of Array.from(document.images)) {
      img.scrollIntoView();
      if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }) || img.addEventListener('error', r, { once: true }));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __shift: number }).__shift);
}

async function brokenImages(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.images).filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.currentSrc || i.src));
}

test('the speaker page shows the photo at the top: both widths, sized, eager, no shift, nothing broken', async ({ page }) => {
  await openWatchingShifts(page, '/speakers/ada-okafor/');
  const picture = page.locator('.speaker-head picture');
  await expect(picture).toHaveCount(1);
  const source = picture.locator('source');
  await expect(source).toHaveAttribute('type', 'image/webp');
  await expect(source).toHaveAttribute('srcset', /^\/photos\/ada-okafor-[0-9a-f]{16}-96\.webp 96w, \/photos\/ada-okafor-[0-9a-f]{16}-192\.webp 192w$/);
  const img = picture.locator('img');
  await expect(img).toHaveAttribute('srcset', /-96\.jpg 96w, .*-192\.jpg 192w$/);
  await expect(img).toHaveAttribute('width', '96');
  await expect(img).toHaveAttribute('height', '96');
  await expect(img).toHaveAttribute('decoding', 'async');
  await expect(img).toHaveAttribute('alt', '');
  expect(await img.getAttribute('loading'), 'the photo at the top is not lazy').toBeNull();
  expect(await settle(page)).toBe(0);
  expect(await brokenImages(page)).toEqual([]);
  expect(await img.evaluate((i: HTMLImageElement) => i.currentSrc)).toMatch(/\.webp$/);
  const box = await img.boundingBox();
  expect([box?.width, box?.height]).toEqual([96, 96]);
});

test('the session page shows each speaker with a lazy photo or their initials, without shifting', async ({ page }) => {
  await openWatchingShifts(page, '/photo-day-2031/sessions/p1/');
  const people = page.locator('.people li');
  await expect(people).toHaveCount(3);
  for (const [i, slug] of [[0, 'ada-okafor'], [1, 'bo-lindqvist']] as const) {
    const img = people.nth(i).locator('picture img');
    await expect(img).toHaveAttribute('srcset', new RegExp(`^/photos/${slug}-[0-9a-f]{16}-96\\.jpg 96w, /photos/${slug}-[0-9a-f]{16}-192\\.jpg 192w$`));
    await expect(img).toHaveAttribute('loading', 'lazy');
    await expect(img).toHaveAttribute('width', '48');
    await expect(img).toHaveAttribute('height', '48');
    await expect(img).toHaveAttribute('alt', '');
  }
  const initials = people.nth(2).locator('.avatar-initials');
  await expect(initials).toHaveText('CI');
  await expect(initials).toHaveAttribute('aria-hidden', 'true');
  await expect(initials).toHaveClass(/avatar-c[0-7]/);
  await expect(people.nth(2).locator('img')).toHaveCount(0);
  expect(await settle(page)).toBe(0);
  expect(await brokenImages(page)).toEqual([]);
  expect(await page.locator('img').count()).toBe(2);
});

test('the organizers show their photo; the photos are served as immutable images', async ({ page, request }) => {
  await page.goto(BASE + '/photo-day-2031/');
  const img = page.locator('#organizers-heading ~ ul picture img');
  await expect(img).toHaveAttribute('srcset', /dee-ramos-[0-9a-f]{16}-96\.jpg 96w, .*dee-ramos-[0-9a-f]{16}-192\.jpg 192w/);
  const jpeg = (await img.getAttribute('src')) ?? '';
  const webp = ((await page.locator('#organizers-heading ~ ul picture source').getAttribute('srcset')) ?? '').split(' ')[0];
  for (const [address, type] of [[jpeg, 'image/jpeg'], [webp, 'image/webp']]) {
    const answer = await request.get(BASE + address);
    expect(answer.status(), address).toBe(200);
    expect(answer.headers()['content-type']).toBe(type);
    expect(answer.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('a speaker without a photo gets initials, never an image', async ({ page }) => {
  await page.goto(BASE + '/speakers/cy-initials/');
  await expect(page.locator('.speaker-head .avatar-initials')).toHaveText('CI');
  expect(await page.locator('img').count()).toBe(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} colour scheme`, () => {
    test.use({ colorScheme: scheme });
    for (const path of ['/speakers/ada-okafor/', '/speakers/cy-initials/', '/photo-day-2031/sessions/p1/', '/photo-day-2031/']) {
      test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
        await page.goto(BASE + path);
        await page.evaluate(() => document.fonts.ready);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
      });
    }
  });
}
