// Journey: a visitor browses from the home page through IstioCon 2022 (overview, session
// formats, tracks) to a session, then to a speaker who spoke at IstioCon 2021 and 2022, and
// back with the browser's Back button. Checks document titles and meta descriptions on the
// way, and that every link loads its page with keyboard focus at the top ("Skip to content" is
// the first Tab).
import { expect, expectDescription, expectFreshPageFocus, main, open, rendered, SITE, test, title } from './support';

test('home → IstioCon 2022 → tracks → session → speaker → back', async ({ page }) => {
  // Home.
  await open(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Istio community events');
  await expect(page).toHaveTitle(SITE);
  await expectDescription(page, /IstioCon and Istio Day/);
  await expect(page.getByRole('heading', { level: 2, name: 'Upcoming and live' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Past events' })).toBeVisible();

  // The IstioCon 2022 card links to the event's overview.
  const card = page.locator('article.event-card').filter({ has: page.getByRole('heading', { name: 'IstioCon 2022', exact: true }) });
  await expect(card).toHaveCount(1);
  const cardLink = card.getByRole('link', { name: 'IstioCon 2022', exact: true });
  await expect(cardLink).toHaveAttribute('href', '/istiocon-2022/');
  await cardLink.click();

  // Event overview.
  await expect(page).toHaveURL(/\/istiocon-2022\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IstioCon 2022');
  await expect(page).toHaveTitle(title('IstioCon 2022'));
  await expectDescription(page, /The second IstioCon/);
  await expectFreshPageFocus(page);
  const formats = page.getByRole('region', { name: 'Session formats' }).getByRole('table');
  const formatRow = (name: string) =>
    formats.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(formatRow('Presentation')).toContainText('40 min');
  await expect(formatRow('Lightning talk')).toContainText('10 min');
  const nav = page.getByRole('navigation', { name: 'IstioCon 2022 pages' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');

  // Tracks, through the event's navigation.
  await nav.getByRole('link', { name: 'Tracks' }).click();
  await expect(page).toHaveURL(/\/istiocon-2022\/tracks\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tracks');
  await expect(page).toHaveTitle(title('Tracks · IstioCon 2022'));
  await expectFreshPageFocus(page);
  await expect(nav.getByRole('link', { name: 'Tracks' })).toHaveAttribute('aria-current', 'page');
  const track = page.locator('section#tools-features-functionality');
  await expect(track.getByRole('heading', { level: 2 })).toHaveText('Tools, features & functionality');
  const sessionLink = track.getByRole('link', { name: 'External CA integration with Istio explained', exact: true });
  await expect(sessionLink).toBeVisible();
  await sessionLink.click();

  // The session.
  await expect(page).toHaveURL(/\/istiocon-2022\/sessions\/a3\/$/);
  await rendered(page);
  const sessionTitle = 'External CA integration with Istio explained';
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  await expect(page).toHaveTitle(title(`${sessionTitle} · IstioCon 2022`));
  await expectDescription(page, 'Presentation by Lin Sun, Josh van Leeuwen at IstioCon 2022.');
  await expectFreshPageFocus(page);
  const speakers = page.getByRole('region', { name: 'Speakers' });
  await expect(speakers.getByRole('link', { name: 'Josh van Leeuwen' })).toHaveAttribute('href', '/speakers/josh-van-leeuwen/');
  const lin = speakers.getByRole('link', { name: 'Lin Sun' });
  await expect(lin).toHaveAttribute('href', '/speakers/lin-sun/');
  await lin.click();

  // The speaker, with sessions at both IstioCons.
  await expect(page).toHaveURL(/\/speakers\/lin-sun\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lin Sun');
  await expect(page).toHaveTitle(title('Lin Sun'));
  await expectDescription(page, /^Lin Sun.*: sessions at Istio community events\.$/);
  await expectFreshPageFocus(page);
  const talks = main(page).locator('article.session');
  await expect(talks.filter({ has: page.getByRole('link', { name: 'IstioCon 2021', exact: true }) })).not.toHaveCount(0);
  await expect(talks.filter({ has: page.getByRole('link', { name: 'IstioCon 2022', exact: true }) })).not.toHaveCount(0);
  await expect(talks.getByRole('link', { name: sessionTitle })).toHaveAttribute('href', '/istiocon-2022/sessions/a3/');
  await expect(talks.getByRole('link', { name: 'Welcome & opening keynote' })).toHaveAttribute('href', '/istiocon-2021/sessions/a1k/');

  // Back returns to the session.
  await page.goBack();
  await expect(page).toHaveURL(/\/istiocon-2022\/sessions\/a3\/$/);
  await rendered(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sessionTitle);
  await expect(page).toHaveTitle(title(`${sessionTitle} · IstioCon 2022`));
});
