// Not found: addresses that lead nowhere get the site's prerendered 404.html with status 404
// ("Page not found", titled so, kept out of search indexes), whose "See all events" link
// leads home (a plain link: the 404 page does not start the app). Covers an unknown
// top-level path (no such event), an unknown session of a real event, an unknown speaker and a
// path no route matches at all.
import { expect, expectFocusOnHeading, open, rendered, SITE, test, title } from './support';

const paths = ['/no-such-page', '/istiocon-2022/sessions/zzz', '/speakers/nobody', '/istiocon-2022/sessions/a3/extra/segments'];

for (const path of paths) {
  test(`${path} shows "Page not found" with a way home`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle(title('Page not found'));
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    // Not the failure message meant for network errors.
    await expect(page.getByRole('alert')).toHaveCount(0);

    const home = page.getByRole('link', { name: 'See all events' });
    await expect(home).toHaveAttribute('href', '/');
    await home.click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await rendered(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
    await expect(page).toHaveTitle(SITE);
    await expect(page.getByRole('heading', { level: 2, name: 'Past events' })).toBeVisible();
    // The home page must not stay "noindex" after leaving the 404 page.
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  });
}

test('a missing data file is a real 404 from the server (the app relies on it)', async ({ request }) => {
  const missing = await request.get('/data/events/no-such-page.json');
  expect(missing.status()).toBe(404);
  const present = await request.get('/data/events/istiocon-2022.json');
  expect(present.status()).toBe(200);
  expect(present.headers()['content-type']).toContain('application/json');
});

test('a stale link to a missing page shows "Page not found"', async ({ page }) => {
  await open(page, '/istiocon-2022/');
  // A link to a session that does not exist (as a stale link in content would be).
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/istiocon-2022/sessions/zzz/';
    a.textContent = 'stale link';
    a.id = 'stale';
    document.querySelector('main')!.prepend(a);
  });
  await page.click('#stale');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle(title('Page not found'));
  await expectFocusOnHeading(page);
});
