// Deep links: pages opened directly by address (not reached by clicking), as a shared link or
// a bookmark would open them. The static host answers every such path with index.html and the
// app must route and load the right data itself. Checks a 2021 session, the IstioCon 2022
// programme (5 days, 65 sessions) and the Istio Day NA 2025 programme, whose organizers
// published no times (sessions in agenda order, each "Time not published").
import { expect, expectDescription, main, open, test, title } from './support';

test('a session opened directly: /istiocon-2021/sessions/a1k', async ({ page }) => {
  await open(page, '/istiocon-2021/sessions/a1k');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome & opening keynote');
  await expect(page).toHaveTitle(title('Welcome & opening keynote · IstioCon 2021'));
  await expectDescription(page, /^\S.* by Craig Box, Lin Sun at IstioCon 2021\.$/);
  const speakers = page.getByRole('region', { name: 'Speakers' });
  await expect(speakers.getByRole('link', { name: 'Craig Box' })).toBeVisible();
  await expect(speakers.getByRole('link', { name: 'Lin Sun' })).toHaveAttribute('href', '/speakers/lin-sun/');
  await expect(page.getByRole('navigation', { name: 'IstioCon 2021 pages' })).toBeVisible();
});

test('the IstioCon 2022 programme opened directly: 5 days, 65 sessions', async ({ page }) => {
  await open(page, '/istiocon-2022/programme');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await expect(page).toHaveTitle(title('Programme · IstioCon 2022'));
  await expectDescription(page, 'The programme of IstioCon 2022: 65 sessions, day by day.');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText([
    'Day 1: Monday, April 25, 2022',
    'Day 2: Tuesday, April 26, 2022',
    'Day 3: Wednesday, April 27, 2022',
    'Day 4: Thursday, April 28, 2022',
    'Day 5: Friday, April 29, 2022',
  ]);
  await expect(main(page).locator('article.session')).toHaveCount(65);
  // Sessions per day, in the event's zone (UTC), from content/istiocon-2022/sessions.
  const perDay = [9, 20, 12, 18, 6];
  for (const [i, n] of perDay.entries()) {
    await expect(page.locator('section.day').filter({ has: page.locator(`h2#day-${i + 1}-heading`) }).locator('article.session'), `day ${i + 1}`).toHaveCount(n);
  }
  // The visitor is in UTC like the event: every session says its time is also theirs.
  await expect(page.getByText("Each time is shown in the event's zone (UTC) and in yours.")).toBeVisible();
  await expect(main(page).locator('.clock-local dd')).toHaveCount(65);
  await expect(main(page).locator('.clock-local dd').filter({ hasText: 'same as the event time' })).toHaveCount(65);
  await expect(page.getByRole('navigation', { name: 'IstioCon 2022 pages' }).getByRole('link', { name: 'Programme' })).toHaveAttribute(
    'aria-current',
    'page',
  );
});

test('Istio Day NA 2025 programme: no published times, agenda order', async ({ page }) => {
  await open(page, '/istio-day-north-america-2025/programme');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Programme');
  await expect(page).toHaveTitle(title('Programme · Istio Day North America 2025'));
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Sessions in programme order']);
  const sessions = main(page).locator('article.session');
  await expect(sessions).toHaveCount(9);
  await expect(sessions.locator('.session-title')).toHaveText([
    'Welcome + Opening Remarks',
    'Is Your Service Mesh AI Ready?',
    'Istio Ambient Goes Multicluster',
    'Validating Your Istio Setups? The Tests Are Already Written',
    'Optimizing Istio Autoscaling: From Resource-Centric to Connection-Aware',
    "Running Databases in Istio's Service Mesh",
    'Is Zero-Downtime Migration Possible? Moving From Ingress & Sidecars to Gateway API',
    "Credit Karma's Istio Migration: 50k+ Pods, Minimal Impact, Lessons Learned",
    'Closing remarks',
  ]);
  for (let i = 0; i < 9; i++) {
    await expect(sessions.nth(i).locator('.clock-unknown'), `session ${i + 1}`).toHaveText('Time not published');
  }
  // No event or visitor times anywhere when none are published.
  await expect(main(page).locator('article.session dl.clock')).toHaveCount(0);
});

test('tracks page of an event without tracks groups by type: /istiocon-2021/tracks', async ({ page }) => {
  await open(page, '/istiocon-2021/tracks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sessions by type');
  await expect(page).toHaveTitle(title('Sessions by type · IstioCon 2021'));
  await expect(page.getByText('This event had no tracks, so its sessions are grouped by type.')).toBeVisible();
  // Every group is a section with an id (its anchor) named by its h2.
  const groups = main(page).locator('section.track');
  await expect(groups).not.toHaveCount(0);
  for (const id of await groups.evaluateAll((els) => els.map((e) => e.id))) {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  }
});

test('tracks page of IstioCon 2022 has one section per track, ids = track slugs', async ({ page }) => {
  await open(page, '/istiocon-2022/tracks#use-case');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tracks');
  const ids = await main(page).locator('section.track').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.slice(0, 6)).toEqual([
    'keynote',
    'getting-started',
    'use-case',
    'tools-features-functionality',
    'infrastructure-networking',
    'tech-evolution-whats-next',
  ]);
  await expect(page.locator('section#use-case h2')).toHaveText('Use case');
});

test('a track link with #slug opened directly scrolls to that track once the data has loaded', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await open(page, '/istiocon-2022/tracks#tech-evolution-whats-next');
  await expect(page.getByRole('heading', { level: 2, name: "Tech evolution & what's next" })).toBeInViewport();
});
