// Document head: every page type sets its own document.title ("<page> · Istio community
// events") and has exactly one <meta name="description"> (the HTML standard allows one per
// document; crawlers and link previews read the first) describing that page, also after
// following a link (the client-rendered app of `trunk serve` replaces the description in place).
import { expect, open, SITE, test, title } from './support';

const GENERIC = /^IstioCon and Istio Day: programmes, speakers, recordings and dates/;

const pages: { path: string; title: string; description: string | RegExp }[] = [
  { path: '/', title: SITE, description: GENERIC },
  { path: '/istiocon-2022/', title: title('IstioCon 2022'), description: /^The second IstioCon: a free, virtual/ },
  {
    path: '/istiocon-2022/programme',
    title: title('Programme · IstioCon 2022'),
    description: 'The programme of IstioCon 2022: 65 sessions, day by day.',
  },
  {
    path: '/istiocon-2022/tracks',
    title: title('Tracks · IstioCon 2022'),
    description: 'Tracks of IstioCon 2022: every session, grouped.',
  },
  {
    path: '/istiocon-2022/sessions/a3',
    title: title('External CA integration with Istio explained · IstioCon 2022'),
    description: 'Presentation by Lin Sun, Josh van Leeuwen at IstioCon 2022.',
  },
  {
    path: '/istiocon-2022/register/',
    title: title('Register · IstioCon 2022'),
    description: 'Register for IstioCon 2022: the form, and when registration opens and closes.',
  },
  { path: '/speakers/lin-sun', title: title('Lin Sun'), description: /^Lin Sun\b.*: sessions at Istio community events\.$/ },
  { path: '/no-such-page', title: title('Page not found'), description: /^There is no page at this address/ },
];

for (const p of pages) {
  test(`${p.path}: its own title and exactly one meta description`, async ({ page }) => {
    await open(page, p.path);
    await expect(page).toHaveTitle(p.title);
    const meta = page.locator('meta[name="description"]');
    // Wait until the app has added this page's description, then count.
    await expect(meta.last()).toHaveAttribute('content', p.description);
    const all = await meta.evaluateAll((els) => els.map((e) => e.getAttribute('content')));
    expect(all, `<meta name="description"> elements in <head> of ${p.path}`).toHaveLength(1);
  });
}

test('following a link, the new page has its own description only', async ({ page }) => {
  await open(page, '/istiocon-2022/');
  await page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'Programme' }).click();
  await expect(page).toHaveTitle(title('Programme · IstioCon 2022'));
  const meta = page.locator('meta[name="description"]');
  await expect(meta.last()).toHaveAttribute('content', 'The programme of IstioCon 2022: 65 sessions, day by day.');
  const all = await meta.evaluateAll((els) => els.map((e) => e.getAttribute('content')));
  expect(all, '<meta name="description"> elements after navigating overview → programme').toHaveLength(1);
});
