// Journey: a visitor browses from the home page to IstioCon 2022, its programme, a session and
// its speaker, then back twice with the browser's Back button, all inside one document (the app
// navigates; no page is loaded after the first). Checks the address, title, description,
// canonical address, content and focus at every step, and the scroll position on Back.
import { expect, expectDescription, expectFocusOnHeading, main, open, rendered, SITE, test, title, watchDocuments } from './support';

const canonical = (path: string) => `https://events.istio.io${path}`;

test('home → IstioCon 2022 → programme → session → speaker → Back → Back, in one document', async ({ page }) => {
  await open(page, '/');
  const documents = await watchDocuments(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
  await expect(page).toHaveTitle(SITE);
  await expectDescription(page, /IstioCon and Istio Day/);
  await expect(page.getByRole('heading', { level: 2, name: 'Past events' })).toBeVisible();

  // The IstioCon 2022 card links to the event's overview.
  const card = page.locator('article.event-card').filter({ has: page.getByRole('heading', { name: 'IstioCon 2022', exact: true }) });
  const cardLink = card.getByRole('link', { name: 'IstioCon 2022', exact: true });
  await expect(cardLink).toHaveAttribute('href', '/istiocon-2022/');
  await cardLink.click();

  // Event overview (its data fetched now).
  await expect(page).toHaveURL(/\/istiocon-2022\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
  await expect(page).toHaveTitle(title('IstioCon 2022'));
  await expectDescription(page, /The second IstioCon/);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical('/istiocon-2022/'));
  await expectFocusOnHeading(page);
  const nav = page.getByRole('navigation', { name: 'IstioCon 2022 pages' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');

  // The programme, through the event's navigation.
  await nav.getByRole('link', { name: 'Programme' }).click();
  await expect(page).toHaveURL(/\/istiocon-2022\/programme\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await expect(page).toHaveTitle(title('Programme · IstioCon 2022'));
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical('/istiocon-2022/programme/'));
  await expectFocusOnHeading(page);
  const sessionTitle = 'External CA integration with Istio explained';
  const sessionLink = main(page).getByRole('link', { name: sessionTitle, exact: true });
  await sessionLink.scrollIntoViewIfNeeded();
  const programmeScroll = await page.evaluate(() => window.scrollY);
  expect(programmeScroll).toBeGreaterThan(200);
  await sessionLink.click();

  // The session.
  await expect(page).toHaveURL(/\/istiocon-2022\/sessions\/a3\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  await expect(page).toHaveTitle(title(`${sessionTitle} · IstioCon 2022`));
  await expectDescription(page, 'Presentation by Lin Sun, Josh van Leeuwen at IstioCon 2022.');
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical('/istiocon-2022/sessions/a3/'));
  await expectFocusOnHeading(page);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
  const speakers = page.getByRole('region', { name: 'Speakers' });
  const lin = speakers.getByRole('link', { name: 'Lin Sun' });
  await expect(lin).toHaveAttribute('href', '/speakers/lin-sun/');
  await lin.click();

  // The speaker, with sessions at both IstioCons.
  await expect(page).toHaveURL(/\/speakers\/lin-sun\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lin Sun');
  await expect(page).toHaveTitle(title('Lin Sun'));
  await expectDescription(page, /^Lin Sun.*: sessions at Istio community events\.$/);
  await expectFocusOnHeading(page);
  // Profile links say whose they are, and carry rel="me" for profiles that verify it.
  const profiles = main(page).getByRole('list', { name: 'Profiles' });
  await expect(profiles.getByRole('link')).toHaveCount(2);
  await expect(profiles.getByRole('link', { name: 'Lin Sun on Twitter', exact: true })).toHaveAttribute('href', 'https://twitter.com/linsun_unc');
  await expect(profiles.getByRole('link', { name: 'Lin Sun on LinkedIn' })).toHaveAttribute('rel', 'me noopener');
  const talks = main(page).locator('article.session');
  await expect(talks.filter({ has: page.getByRole('link', { name: 'IstioCon 2021', exact: true }) })).not.toHaveCount(0);
  await expect(talks.getByRole('link', { name: sessionTitle })).toHaveAttribute('href', '/istiocon-2022/sessions/a3/');

  // Back returns to the session, then to the programme where it was scrolled to.
  await page.goBack();
  await expect(page).toHaveURL(/\/istiocon-2022\/sessions\/a3\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  await expect(page).toHaveTitle(title(`${sessionTitle} · IstioCon 2022`));
  await page.goBack();
  await expect(page).toHaveURL(/\/istiocon-2022\/programme\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await expect(page).toHaveTitle(title('Programme · IstioCon 2022'));
  await expect.poll(() => page.evaluate(() => window.scrollY), { message: 'the programme is where it was' }).toBeGreaterThan(programmeScroll - 40);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(programmeScroll + 40);

  // All of it in the first document.
  expect(await documents.sameDocument()).toBe(true);
  expect(documents.loads()).toBe(0);
});

test('each data file is fetched once per visit, and the next route renders from it', async ({ page }) => {
  const data: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/data/')) data.push(path);
  });
  await open(page, '/istiocon-2022/');
  // The first page's data came with the page.
  expect(data).toEqual([]);
  const nav = page.getByRole('navigation', { name: 'IstioCon 2022 pages' });
  // The overview's full event serves the programme and the tracks too.
  await nav.getByRole('link', { name: 'Programme' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await nav.getByRole('link', { name: 'Tracks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tracks');
  // Rendered a screen at a time inside the app, the list grows to every session the
  // prerendered page lists, in the same order.
  const prerendered = await (await page.request.get('/istiocon-2022/tracks/')).text();
  const titles = [...prerendered.matchAll(/<h3 class="session-title"><a href="[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  expect(titles.length).toBeGreaterThan(60);
  await expect(page.locator('section.track article.session h3')).toHaveText(titles);
  await nav.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
  expect(data).toEqual([]);
  // The home page's list is one more file, fetched once.
  await page.getByRole('link', { name: 'Istio community events' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
  await page.locator('article.event-card').getByRole('link', { name: 'IstioCon 2021', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2021');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
  expect(data).toEqual(['/data/events.json', '/data/events/istiocon-2021.json']);
});

test('a failed fetch says so with a way to retry, which loads the page', async ({ page }) => {
  await open(page, '/istiocon-2022/');
  let fail = true;
  await page.route('**/data/speakers/lin-sun.json', (route) => (fail ? route.abort('failed') : route.continue()));
  await page.getByRole('link', { name: 'Programme' }).first().click();
  await main(page).getByRole('link', { name: 'Lin Sun' }).first().click();
  await expect(page.getByRole('alert')).toContainText('This page could not be loaded');
  fail = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lin Sun');
});
