import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const POLL = { timeout: 15_000 };

async function pageShot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.waitForTimeout(300);
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

/** An API key made the way an admin would (integrations admin), for CI and the event posts. */
async function apiKey(context: BrowserContext): Promise<string> {
  const res = await context.request.post('/api/trpc/apiKeys.create', { data: { json: { name: `e2e ${randomBytes(3).toString('hex')}` } } });
  expect(res.status()).toBe(200);
  return (await res.json()).result.data.json.key;
}

describe('[PLAYBOOKS][RELEASES][E2E]', () => {
  it('[HEALTH][PLAYBOOK]: an error group opens the playbook at its checks; the admin edits it into a new version', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    // Dead ICS links polled by calendar apps: real 404s, logged as ics_feed errors.
    for (let i = 0; i < 8; i++) expect((await page.request.get(`/api/calendar/ics/${randomBytes(32).toString('base64url')}.ics`)).status()).toBe(404);
    await page.waitForTimeout(800);

    await page.goto('/health/providers/ics_feed?window=1h');
    await page.getByTestId('refresh-toggle').click();
    const panel = page.getByTestId('playbook-panel');
    await panel.getByTestId('playbook-markdown').waitFor();
    expect(await panel.getAttribute('data-version')).toBe('1');
    expect(await panel.textContent()).toContain('renew the link');

    const group = page.getByTestId('error-group-row').first();
    await group.waitFor();
    await group.getByTestId('error-group-playbook').click();
    const focus = page.getByTestId('playbook-focus');
    await focus.waitFor();
    const section = (await focus.getAttribute('data-section'))!;
    // A dead link's 404 (bad_request) opens where the runbook's "403/404: renew the link" check is.
    expect(section).toBe('credentials-and-secrets');
    // The group's class decides the section, and that heading is highlighted and in view.
    const heading = page.locator(`#playbook-${section}`);
    expect(await heading.getAttribute('data-highlighted')).toBe('true');
    await expect.poll(() => heading.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }), POLL).toBe(true);
    expect(page.url()).toContain(`#playbook-${section}`);
    await page.waitForTimeout(500);
    // The viewport as the reader sees it after the jump (a full-page shot would paint the fixed header mid-page).
    await page.screenshot({ path: 'e2e/screenshots/playbook.png' });
    // Checklist ticks are the reader's own, one item at a time.
    const firstCheck = panel.getByTestId('playbook-check').first().locator('input[type="checkbox"]');
    await firstCheck.check();
    expect(await firstCheck.isChecked()).toBe(true);
    expect(await panel.locator('input[type="checkbox"]:checked').count()).toBe(1);

    // Edit: Markdown on the left, the preview follows as you type.
    await panel.getByTestId('playbook-edit').click();
    const source = page.getByTestId('playbook-source');
    await source.waitFor();
    await source.fill(`${await source.inputValue()}\n## Escalation\n\n- [ ] Call the on-call engineer (nöbetçi) after 15 minutes\n<script>alert(1)</script>\n`);
    await expect.poll(() => page.getByTestId('playbook-preview').textContent(), POLL).toContain('Call the on-call engineer');
    expect(await page.getByTestId('playbook-preview').innerHTML()).not.toContain('<script');
    await page.getByTestId('playbook-note').fill('Escalation step');
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/screenshots/playbook-editor.png' });
    await page.getByTestId('playbook-save').click();
    await page.getByTestId('playbook-editor').waitFor({ state: 'detached' });
    await expect.poll(() => panel.getAttribute('data-version'), POLL).toBe('2');
    expect(await panel.getByTestId('playbook-markdown').textContent()).toContain('Call the on-call engineer');

    // History: both versions; restoring the seed writes version 3.
    await panel.getByTestId('playbook-history-open').click();
    const rows = page.getByTestId('playbook-version-row');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.first().textContent()).toContain('Escalation step');
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="playbook-version-row"][data-version="1"]').getByTestId('playbook-version-restore').click();
    await expect.poll(() => panel.getAttribute('data-version'), POLL).toBe('3');
    await expect.poll(() => rows.count(), POLL).toBe(3);
    await page.keyboard.press('Escape');
    expect(await panel.getByTestId('playbook-markdown').textContent()).not.toContain('Call the on-call engineer');
    await context.close();
  });

  it('[RELEASES][CHECKLIST]: the admin records a release, traffic after it evaluates the checklist, CI records another, a check is overridden with a note', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    const key = await apiKey(context);
    const version = `2026.12.${randomBytes(2).readUInt16BE()}`;

    await page.goto('/health/releases');
    await page.getByTestId('nav-releases').waitFor();
    expect(await page.getByTestId('nav-releases').getAttribute('aria-current')).toBe('page');
    // The admin adds a check of this product's own e-mail to the checklist.
    await page.getByTestId('check-item-add').click();
    await page.getByTestId('check-item-save').click();
    await expect.poll(() => page.getByTestId('check-item-form').textContent(), POLL).toContain('Say what the check proves');
    await page.getByTestId('check-item-title').fill('Reminder e-mail goes out');
    await page.getByTestId('check-item-provider').fill('SMTP');
    await page.getByRole('option', { name: 'SMTP', exact: true }).click();
    await page.getByTestId('check-item-events').fill('smtp_email_sent');
    await page.keyboard.press('Enter');
    await page.getByTestId('check-item-save').click();
    await page.getByTestId('check-item-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('check-items-table').textContent(), POLL).toContain('Reminder e-mail goes out');
    await page.getByTestId('release-record').click();
    await page.getByTestId('release-submit').click();
    await expect.poll(() => page.getByTestId('release-form').textContent(), POLL).toContain('Enter the release version');
    await page.getByTestId('release-version').fill(version);
    await page.getByTestId('release-commit').fill('9f1c2ab');
    await page.getByTestId('release-submit').click();
    await page.waitForURL(/\/health\/releases\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('release-title').textContent()).toBe(`Release ${version}`);
    const check = (title: string) => page.locator(`[data-testid="release-check"][data-item="${title}"]`);
    await check('Core RPC works (Supabase discover)').waitFor();
    expect(await check('Core RPC works (Supabase discover)').getAttribute('data-status')).toBe('waiting');

    // Smoke traffic after the deploy, through the ingestion API as the apps would send it.
    const events = [
      ...Array.from({ length: 3 }, () => ({ provider: 'supabase', event: 'supabase_rpc_ok', outcome: 'ok', latencyMs: 40 })),
      { provider: 'mapbox', event: 'mapbox_autocomplete_ok', outcome: 'ok' },
      ...Array.from({ length: 12 }, () => ({ provider: 'mapbox', event: 'mapbox_error', outcome: 'error', errorCode: '401', errorMessage: 'Invalid token' })),
      { provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok' },
    ];
    const posted = await context.request.post('/api/integration-events', { headers: { authorization: `Bearer ${key}` }, data: { events } });
    expect(posted.status()).toBe(202);
    await page.reload();
    await expect.poll(() => check('Core RPC works (Supabase discover)').getAttribute('data-status'), POLL).toBe('passed');
    expect(await check('SendGrid basic send (e-mail)').getAttribute('data-status')).toBe('passed');
    expect(await check('Mapbox autocomplete works').getAttribute('data-status')).toBe('failing');
    expect(await check('Mapbox autocomplete works').getByTestId('check-reason').textContent()).toMatch(/12 failed of 13 calls/);
    expect(await check('PayTR withdraw for the test user').getAttribute('data-status')).toBe('waiting');
    expect(await check('Reminder e-mail goes out').getAttribute('data-status')).toBe('waiting');

    // Nobody sends SMS in the demo: the admin tested it by hand and says so.
    const twilio = check('Twilio basic send (SMS)');
    expect(await twilio.getAttribute('data-status')).toBe('waiting');
    await twilio.getByTestId('check-override').click();
    await page.getByTestId('override-save').click();
    await expect.poll(() => page.getByTestId('override-form').textContent(), POLL).toContain('Say why');
    await page.getByTestId('override-note').fill('Sent an OTP to the test phone by hand');
    await page.getByTestId('override-save').click();
    await page.getByTestId('override-form').waitFor({ state: 'detached' });
    await expect.poll(() => twilio.getAttribute('data-status'), POLL).toBe('passed');
    expect(await twilio.getByTestId('check-override-note').textContent()).toContain('Sent an OTP to the test phone by hand');
    await pageShot(page, 'release-checklist');

    // CI records the next release with the API key; it appears in the list.
    const ci = await context.request.post('/api/releases', { headers: { authorization: `Bearer ${key}` }, data: { version: `${version}-ci`, commitSha: 'abcdef1' } });
    expect(ci.status()).toBe(201);
    expect((await context.request.post('/api/releases', { headers: { authorization: `Bearer ${key}` }, data: { version: '' } })).status()).toBe(400);
    expect((await context.request.post('/api/releases', { data: { version: 'x' } })).status()).toBe(401);
    await page.getByTestId('release-back').click();
    await page.getByTestId('releases-table').waitFor();
    const mine = page.locator(`[data-testid="release-row"][data-version="${version}"]`);
    await mine.waitFor();
    expect(await mine.getByTestId('release-counts').textContent()).toMatch(/3 passed.*2 failing/);
    const fromCi = page.locator(`[data-testid="release-row"][data-version="${version}-ci"]`);
    expect(await fromCi.textContent()).toContain('CI (API key)');
    await pageShot(page, 'releases');

    // The release shows as a marker on the provider charts.
    await page.goto('/health/providers/supabase?window=1h');
    await page.getByTestId('chart-rate').locator('.series-rate').waitFor({ state: 'attached' });
    await expect.poll(() => page.getByTestId('chart-rate').locator('.release-marker').count(), POLL).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('chart-rate').textContent()).toContain(`${version}-ci`);
    await page.getByTestId('refresh-toggle').click();
    await page.getByTestId('provider-trends').screenshot({ path: 'e2e/screenshots/release-markers.png' });
    await context.close();
  });

  it('[RELEASES][ROLES]: support reads releases but cannot record; a user cannot open them', async () => {
    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.goto('/health/releases');
    await page.getByTestId('check-items-table').waitFor();
    expect(await page.getByTestId('release-record').count()).toBe(0);
    expect(await page.getByTestId('check-item-add').count()).toBe(0);
    await support.close();
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const userPage = await user.newPage();
    await userPage.goto('/health/releases');
    await expect.poll(() => userPage.getByTestId('nav-releases').count(), POLL).toBe(0);
    await user.close();
  });
});
