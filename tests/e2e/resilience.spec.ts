// Resilience and keyboard use: every page is prerendered with its data, so data is fetched when
// the visitor moves to another page inside the app. When that fetch fails (network failure or a
// server error) the page says so in an alert with a "Try again" button, and trying again once
// the network is back shows the event; a failure is never shown as "Page not found". And a
// keyboard user's first Tab on the home page reaches the "Skip to content" link (visible when
// focused), whose Enter moves focus to <main id="main">.
import { expect, test } from '@playwright/test';
import { expectFocusOnMain, rendered } from './support';

const EVENT_DATA = '**/data/events/istiocon-2022.json';

test('a network failure shows "This page could not be loaded"; "Try again" recovers', async ({ page }) => {
  let aborted = 0;
  await page.route(EVENT_DATA, (route) => {
    aborted++;
    return route.abort('failed');
  });
  await page.goto('/');
  await rendered(page);
  await page.getByRole('link', { name: 'IstioCon 2022', exact: true }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('heading', { name: 'This page could not be loaded' })).toBeVisible();
  await expect(alert).toContainText('the network request failed');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);
  expect(aborted).toBeGreaterThan(0);

  await page.unroute(EVENT_DATA);
  await alert.getByRole('button', { name: 'Try again' }).click();

  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page).toHaveTitle('IstioCon 2022 · Istio community events');
});

test('a server error (500) shows the failure, not "Page not found"', async ({ page }) => {
  await page.route(EVENT_DATA, (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'boom' }));
  await page.goto('/');
  await rendered(page);
  await page.getByRole('link', { name: 'IstioCon 2022', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'This page could not be loaded' })).toBeVisible();
  await expect(alert).toContainText('status 500');
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);

  await page.unroute(EVENT_DATA);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
});

test('keyboard: first Tab reaches "Skip to content", Enter moves focus to main', async ({ page }) => {
  await page.goto('/');
  await rendered(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Past events' })).toBeVisible();

  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toHaveAttribute('href', '#main');
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  // A skip link may hide off-screen until focused, but must show when focused (WCAG 2.4.7).
  await expect(skip).toBeInViewport();

  await page.keyboard.press('Enter');
  await expectFocusOnMain(page);
  // The next Tab continues inside the main content, not back in the header.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main#main'));
  expect(inMain, 'Tab after the skip link lands inside <main>').toBe(true);
});
