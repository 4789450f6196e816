// Not found: addresses that lead nowhere show the app's "Page not found" page (titled so, and
// kept out of search indexes), whose "See all events" link leads home. Covers an unknown
// top-level path (no such event), an unknown session of a real event, an unknown speaker and a
// path no route matches at all.
import { expect, test } from '@playwright/test';
import { expectFocusOnMain, open, rendered, SITE, title } from './support';

const paths = ['/no-such-page', '/istiocon-2022/sessions/zzz', '/speakers/nobody', '/istiocon-2022/sessions/a3/extra/segments'];

for (const path of paths) {
  test(`${path} shows "Page not found" with a way home`, async ({ page }) => {
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
    await expectFocusOnMain(page);
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
