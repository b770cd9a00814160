import { writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';
import { PROVIDER_CATALOG } from '../shared/provider-catalog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** vitest polls for one second by default: too short on a loaded 2-core machine. */
const POLL = { timeout: 10_000 };

const SEVERITY: Record<string, number> = { failing: 0, degraded: 1, healthy: 2, no_data: 3 };

/** A live incident through a real product path: calendar apps polling dead feed links get 404s, each logged as ics_feed_error. */
async function injectIcsIncident(page: Page, requests: number) {
  for (let i = 0; i < requests; i++) {
    const res = await page.request.get(`/api/calendar/ics/${randomBytes(32).toString('base64url')}.ics`);
    expect(res.status()).toBe(404);
  }
  // The in-process writer flushes every 250 ms.
  await page.waitForTimeout(1000);
}

async function cardStatuses(page: Page) {
  return page.getByTestId('provider-card').evaluateAll((cards) => cards.map((c) => ({ provider: c.getAttribute('data-provider')!, status: c.getAttribute('data-status')! })));
}

/**
 * A full-page screenshot without the fixed header painted mid-page: the viewport grows to the
 * page's height for the shot, then goes back.
 */
async function pageShot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.waitForTimeout(300);
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/** Clicks the chart at bucket i of n: a line chart's category axis puts point 0 on the left edge and n-1 on the right. */
async function clickBucket(page: Page, chartTestId: string, index: number, count: number) {
  const grid = page.getByTestId(chartTestId).locator('.recharts-cartesian-grid');
  const box = (await grid.boundingBox())!;
  const x = box.x + (count === 1 ? box.width / 2 : (index / (count - 1)) * box.width);
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.getByTestId('chart-tooltip').first().waitFor();
  const tooltip = await page.getByTestId('chart-tooltip').first().textContent();
  await page.mouse.click(x, y);
  return tooltip ?? '';
}

/** Reads the trend table (the chart's text alternative): errors per bucket, in order. */
async function trendErrors(page: Page): Promise<number[]> {
  await page.getByTestId('provider-trends-mode').getByText('Table').click();
  await page.getByTestId('trend-table').waitFor();
  const errors = await page.getByTestId('trend-row').evaluateAll((rows) => rows.map((r) => Number((r.children[2]!.textContent ?? '0').replace(/[^\d]/g, ''))));
  await page.getByTestId('provider-trends-mode').getByText('Chart').click();
  await page.getByTestId('chart-rate').waitFor();
  return errors;
}

describe('[HEALTH][E2E]', () => {
  it('[HEALTH][OVERVIEW]: the admin sees the failing provider first, soft failures never as an outage, and a window that survives a reload', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    await injectIcsIncident(page, 40);

    // Render time with the demo data (~155k events): cold (first visit) and warm (a reload,
    // bundle cached), from navigation start to the cards and to the chart's lines. Reported, not asserted.
    const timings: Record<string, number>[] = [];
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      await page.goto('/health');
      await page.getByTestId('provider-card').first().waitFor();
      const cardsMs = Date.now() - started;
      await page.getByTestId('error-rate-chart').locator('.recharts-line').first().waitFor({ state: 'attached' });
      const chartMs = Date.now() - started;
      const api = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/trpc/'))
          .map((e) => ({ url: e.name.replace(/^.*\/api\/trpc\//, '').slice(0, 60), ms: Math.round(e.duration), at: Math.round(e.startTime) })),
      );
      timings.push({ cardsMs, chartMs, ...Object.fromEntries(api.flatMap((a, j) => [[`api${j}:${a.url.split('?')[0]}`, a.ms], [`api${j}StartedAt`, a.at]])) });
    }
    writeFileSync('e2e/screenshots/health-overview-timing.json', JSON.stringify({ cold: timings[0], warm: timings[1] }, null, 2));

    // While the overview's code is on its way (held back here), the shell shows the page's skeleton, not a blank page.
    const slow = await context.newPage();
    await slow.route(/\/assets\/HealthPage-[^/]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await slow.goto('/health');
    await slow.getByTestId('page-loading').waitFor();
    expect(await slow.getByTestId('provider-card-loading').count()).toBeGreaterThan(0);
    expect(await slow.getByTestId('nav-health').count()).toBe(1);
    await screenshot(slow, 'health-overview-loading');
    await slow.getByTestId('provider-card').first().waitFor();
    await slow.close();

    const cards = await cardStatuses(page);
    expect(cards.length).toBe(PROVIDER_CATALOG.length);
    expect(cards[0]).toEqual({ provider: 'ics_feed', status: 'failing' });
    // Worst first, all the way down.
    const ranks = cards.map((c) => SEVERITY[c.status]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // IH-6: NON_BLOCKING providers are never failing, and their rate is called a soft-fail rate.
    for (const key of ['openai', 'aws_rekognition']) {
      const card = page.locator(`[data-testid="provider-card"][data-provider="${key}"]`);
      expect(await card.getAttribute('data-status')).not.toBe('failing');
      expect(await card.textContent()).toContain('Soft-fail rate');
      expect(await card.getByTestId('status-badge').textContent()).not.toMatch(/Failing/);
    }
    const failing = page.locator('[data-testid="provider-card"][data-provider="ics_feed"]');
    expect(await failing.getByTestId('status-badge').textContent()).toBe('Failing');
    expect(Number((await failing.getByTestId('provider-card-volume').textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(40);
    expect(await failing.getByTestId('provider-card-rate').textContent()).toMatch(/^\d+(\.\d)?%$/);

    // The legend toggles providers; the worst are drawn first.
    const chart = page.getByTestId('chart-svg');
    const visible = (await chart.getAttribute('data-visible'))!.split(',');
    expect(visible[0]).toBe('ics_feed');
    expect(await page.getByTestId('error-rate-chart').locator('.recharts-line').count()).toBe(visible.length);
    const hidden = page.locator('[data-testid="legend-item"][data-key="ics_feed"]');
    await page.getByTestId('chart-legend').getByText('ICS feed', { exact: true }).click();
    await expect.poll(async () => (await chart.getAttribute('data-visible'))!.split(',').includes('ics_feed'), POLL).toBe(false);
    expect(await page.getByTestId('error-rate-chart').locator('.recharts-line').count()).toBe(visible.length - 1);
    await page.getByTestId('chart-legend').getByText('ICS feed', { exact: true }).click();
    await expect.poll(async () => (await chart.getAttribute('data-visible'))!.split(',')[0], POLL).toBe('ics_feed');
    expect(await hidden.count()).toBe(1);

    // The tooltip carries counts, not only rates.
    const grid = page.getByTestId('error-rate-chart').locator('.recharts-cartesian-grid');
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    expect(await page.getByTestId('chart-tooltip').textContent()).toMatch(/ICS feed\d+(\.\d)?% \(\d+ of \d+\)/);
    await pageShot(page, 'health-overview');

    // The table view is the chart's text alternative: the same rows with counts.
    await page.getByTestId('error-rate-chart-mode').getByText('Table').click();
    const table = page.getByTestId('chart-table');
    await table.waitFor();
    expect(await page.getByTestId('error-rate-chart').getAttribute('data-mode')).toBe('table');
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(20);
    expect(await table.locator('tbody').textContent()).toMatch(/\d+(\.\d)?% \(\d+ of \d+\)/);
    expect(await table.locator('thead').textContent()).toContain('ICS feed');
    await page.getByTestId('error-rate-chart-mode').getByText('Chart').click();

    // Auto-refresh runs every 30 s and can be paused.
    expect(await page.getByTestId('auto-refresh').getAttribute('data-state')).toBe('running');
    await page.getByTestId('refresh-toggle').click();
    expect(await page.getByTestId('auto-refresh').getAttribute('data-state')).toBe('paused');

    // The window is in the URL: a reload (or a pasted link) shows the same view.
    await page.getByTestId('window-options').getByText('7d').click();
    await page.waitForURL('**/health?window=7d');
    await page.reload();
    await page.getByTestId('provider-card').first().waitFor();
    expect(await page.getByTestId('window-options').locator('label[data-active="true"]').textContent()).toBe('7d');
    // Over a week the past Mapbox outage of the demo data shows on the Mapbox sparkline.
    const mapbox = page.locator('[data-testid="provider-card"][data-provider="mapbox"]');
    expect(Number(await mapbox.getByTestId('sparkline').getAttribute('data-points'))).toBeGreaterThan(10);

    await page.emulateMedia({ colorScheme: 'dark' });
    const weekCalls = await failing.getByTestId('provider-card-volume').textContent();
    await page.getByTestId('window-options').getByText('1h').click();
    await page.waitForURL('**/health?window=1h');
    await expect.poll(() => page.locator('[data-testid="provider-card"][data-provider="ics_feed"]').getByTestId('provider-card-volume').textContent(), POLL).not.toBe(weekCalls);
    await page.getByTestId('error-rate-chart').locator('.recharts-line').first().waitFor({ state: 'attached' });
    await pageShot(page, 'health-overview-dark');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('provider-card').first().waitFor();
    // On a phone the cards stack in one column and nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await pageShot(page, 'health-overview-phone');
    await context.close();
  });

  it('[HEALTH][DRILLDOWN]: the admin opens the failing provider, filters the list to the spike, opens an event and exports the same events', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    await injectIcsIncident(page, 25);
    await page.goto('/health?window=1h');
    await page.getByTestId('refresh-toggle').click();
    await page.locator('[data-testid="provider-card"][data-provider="ics_feed"]').click();
    await page.waitForURL('**/health/providers/ics_feed?window=1h');
    expect(await page.getByTestId('provider-title').textContent()).toBe('ICS feed');
    expect(await page.getByTestId('provider-page').getByTestId('status-badge').first().getAttribute('data-status')).toBe('failing');
    await page.getByTestId('chart-rate').locator('.series-rate').waitFor({ state: 'attached' });
    await page.getByTestId('refresh-toggle').click();

    const errors = await trendErrors(page);
    const spike = errors.indexOf(Math.max(...errors));
    expect(errors[spike]).toBeGreaterThanOrEqual(25);
    const tooltip = await clickBucket(page, 'chart-rate', spike, errors.length);
    expect(tooltip).toMatch(/\(\d+ of \d+\)/);
    await page.getByTestId('events-filter-bucket').waitFor();
    // The badge renders with the new search; the list shows the old rows until it answers.
    await page.locator('[data-testid="events-table"][aria-busy="false"]').waitFor();
    const url = new URL(page.url());
    const from = Date.parse(url.searchParams.get('bfrom')!);
    const to = Date.parse(url.searchParams.get('bto')!);
    expect(to - from).toBe(60_000);
    await expect.poll(async () => page.getByTestId('event-row').count(), POLL).toBeGreaterThanOrEqual(Math.min(50, errors[spike]!));
    const times = await page.getByTestId('event-row-time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime')!)));
    expect(times.every((t) => t >= from && t < to)).toBe(true);

    // Errors only, then one event in the drawer: its message and scrubbed metadata.
    await page.getByTestId('events-filter-outcome').click();
    await page.getByRole('option', { name: 'Error' }).click();
    await page.waitForURL(/outcome=error/);
    await expect.poll(async () => page.locator('[data-testid="event-row"][data-outcome="ok"]').count(), POLL).toBe(0);
    await page.getByTestId('event-row').first().click();
    const detail = page.getByTestId('event-detail');
    await detail.waitFor();
    expect(await page.getByTestId('event-detail-outcome').textContent()).toBe('Error');
    expect(await page.getByTestId('event-detail-message').textContent()).toBe('Unknown, malformed or revoked feed token');
    expect(await detail.textContent()).toContain('were removed before the event was stored');
    // The drawer slides in: a viewport shot once it has settled.
    await page.waitForTimeout(400);
    await page.screenshot({ path: 'e2e/screenshots/health-provider-event.png' });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // The error group of those 404s, with counts and first/last seen.
    const group = page.getByTestId('error-group-row').first();
    await group.waitFor();
    expect(Number(await group.getByTestId('error-group-count').textContent())).toBeGreaterThanOrEqual(25);
    expect(await group.textContent()).toMatch(/Unknown, malformed or revoked feed token/);

    // The CSV holds exactly the filtered list: same bucket, errors only.
    const href = (await page.getByTestId('events-export').getAttribute('href'))!;
    expect(href).toContain('provider=ics_feed');
    expect(href).toContain('outcome=error');
    const csv = await context.request.get(href);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^occurredAt,provider,event,outcome,/);
    expect(lines.length - 1).toBe(errors[spike]!);
    expect(lines.slice(1).every((l) => l.includes(',ics_feed,ics_feed_error,error,'))).toBe(true);
    await page.getByTestId('events-filter-bucket').locator('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.has('bfrom'), POLL).toBe(false);
    await page.getByTestId('events-filter-bucket').waitFor({ state: 'detached' });
    await page.locator('[data-testid="events-table"][aria-busy="false"]').waitFor();
    await pageShot(page, 'health-provider');
    await context.close();
  });

  it('[HEALTH][PROVIDER]: a week of Mapbox shows the past outage against the previous week; support may export, a user may not', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/health/providers/mapbox?window=7d');
    await page.getByTestId('chart-rate').locator('.series-rate').waitFor({ state: 'attached' });
    // The previous week is drawn dashed behind this one, and toggles off.
    expect(await page.getByTestId('chart-rate').locator('.series-prevRate').count()).toBe(1);
    await page.getByTestId('toggle-previous').click();
    await expect.poll(() => page.getByTestId('chart-rate').locator('.series-prevRate').count(), POLL).toBe(0);
    await page.getByTestId('toggle-previous').click();
    await page.getByTestId('refresh-toggle').click();

    const errors = await trendErrors(page);
    const spike = errors.indexOf(Math.max(...errors));
    // The outage (40 % errors for 40 minutes) towers over the ordinary hours.
    const ordinary = [...errors].sort((a, b) => a - b)[Math.floor(errors.length / 2)]!;
    expect(errors[spike]!).toBeGreaterThan(5 * Math.max(1, ordinary));
    await clickBucket(page, 'chart-rate', spike, errors.length);
    await page.getByTestId('events-filter-bucket').waitFor();
    expect(Number(await page.getByTestId('chart-rate').getAttribute('data-bucket-ms'))).toBe(3_600_000);
    await page.getByTestId('events-filter-outcome').click();
    await page.getByRole('option', { name: 'Error' }).click();
    // One poll for both: while the filtered page loads the list holds no rows at all, so "no ok
    // rows" alone passed before the error rows arrived (CI, 2 Dec 10:24).
    const rows = (outcome: string) => page.locator(`[data-testid="event-row"][data-outcome="${outcome}"]`).count();
    await expect.poll(async () => [await rows('ok'), (await rows('error')) > 0], POLL).toEqual([0, true]);
    await pageShot(page, 'health-provider-mapbox-week');

    // Export is staff-only: support gets the file, a user gets 403.
    const href = (await page.getByTestId('events-export').getAttribute('href'))!;
    const support = await signedInContext(browser, 'support@opsdeck.local');
    expect((await support.request.get(href)).status()).toBe(200);
    const user = await signedInContext(browser, 'user@opsdeck.local');
    expect((await user.request.get(href)).status()).toBe(403);
    await Promise.all([support.close(), user.close(), context.close()]);
  });

  it('[HEALTH][EXPLORER]: support searches every provider, narrows to one failed call by its correlation id, and a user is refused', async () => {
    const context = await signedInContext(browser, 'support@opsdeck.local');
    const page = await context.newPage();
    await injectIcsIncident(page, 5);
    await page.goto('/support');
    await page.getByTestId('nav-integrationEvents').click();
    await page.waitForURL('**/integration-events');
    await page.getByTestId('event-row').first().waitFor();
    // Across providers by default: the list has a provider column, and the successes of the
    // last hour come from many providers (the newest errors are the injected 404s).
    expect(await page.getByTestId('events-table').locator('thead').textContent()).toContain('Provider');
    await page.getByTestId('events-filter-outcome').click();
    await page.getByRole('option', { name: 'OK' }).click();
    await expect.poll(() => page.getByTestId('event-row').evaluateAll((rows) => new Set(rows.map((r) => r.children[1]!.textContent)).size), POLL).toBeGreaterThan(1);

    await page.getByTestId('events-filter-provider').click();
    await page.getByTestId('events-filter-provider').fill('ICS');
    await page.getByRole('option', { name: 'ICS feed' }).click();
    // Picking a provider keeps the outcome picked just before (both patch the live URL).
    await expect.poll(() => { const q = new URL(page.url()).searchParams; return `${q.get('provider')}/${q.get('outcome')}`; }, POLL).toBe('ics_feed/ok');
    await page.getByTestId('events-filter-outcome').click();
    await page.getByRole('option', { name: 'Error' }).click();
    await expect.poll(() => { const q = new URL(page.url()).searchParams; return `${q.get('provider')}/${q.get('outcome')}`; }, POLL).toBe('ics_feed/error');
    await page.locator('[data-testid="events-table"][aria-busy="false"]').waitFor();
    await expect.poll(() => page.getByTestId('event-row').evaluateAll((rows) => rows.every((r) => r.children[1]!.textContent === 'ics_feed' && r.getAttribute('data-outcome') === 'error')), POLL).toBe(true);

    // One call, found again by its correlation id (what a user's report or a log line carries).
    await page.getByTestId('event-row').first().click();
    const correlation = (await page.getByTestId('event-detail').getByText(/^[0-9a-f-]{36}$/).textContent())!;
    await page.keyboard.press('Escape');
    await page.getByTestId('event-detail').waitFor({ state: 'detached' });
    await page.getByTestId('events-filter-correlation').fill(correlation);
    await page.waitForURL(new RegExp(`corr=${correlation}`));
    await expect.poll(() => page.getByTestId('event-row').count(), POLL).toBe(1);
    expect(await page.getByTestId('events-end').textContent()).toContain('every event');
    expect(await page.getByTestId('events-export').getAttribute('href')).toContain(`correlationId=${correlation}`);
    await pageShot(page, 'health-explorer');

    const user = await signedInContext(browser, 'user@opsdeck.local');
    const userPage = await user.newPage();
    await userPage.goto('/integration-events');
    await userPage.getByText(/403/).waitFor();
    expect(await userPage.getByTestId('nav-integrationEvents').count()).toBe(0);
    await Promise.all([user.close(), context.close()]);
  });
});
