// Resilience and keyboard use. Every page is a prerendered document with its content and the
// data the app needs to go live on it, so a page read from scratch fetches no data that could
// fail on its own; when the app itself cannot be loaded (its Wasm request fails), every page still
// shows its content, its links work, and controls that need the app stay disabled and say so.
// And a keyboard user's first Tab on the home page reaches the "Skip to content" link (visible
// when focused), whose Enter moves focus to <main id="main">.
import { expect, expectFocusOnMain, main, rendered, test } from './support';

test('without its Wasm (the request fails) pages still show their content, and controls say they need the app', async ({ page }) => {
  let failed = 0;
  await page.route('**/*.wasm', (route) => {
    failed++;
    return route.abort('failed');
  });
  await page.goto('/istiocon-2022/programme/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await expect.poll(() => failed).toBeGreaterThan(0);
  await expect(main(page).locator('ul.session-list > li')).toHaveCount(65);
  // Times in the event's zone are in the page; the visitor's row says why it is empty.
  await expect(main(page).locator('.clock-event dd').first()).toContainText(/\d:\d\d/);
  await expect(page.getByLabel('Search titles and speakers')).toBeDisabled();
  await expect(page.getByRole('button', { name: /Star/ }).first()).toBeDisabled();
  await expect(page.locator('html[data-app="live"]')).toHaveCount(0);
  // Links are plain links to prerendered pages.
  await main(page).getByRole('link', { name: 'External CA integration with Istio explained', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('External CA integration with Istio explained');
  await expect(page.getByRole('button', { name: /Star/ })).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Add to your calendar (.ics, for Google Calendar, Apple Calendar, Outlook)' })).toHaveAttribute('href', '/istiocon-2022/sessions/a3.ics');
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
