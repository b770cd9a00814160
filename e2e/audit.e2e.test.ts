import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stamp = Date.now().toString(36);
const TITLE = `Audited hearing ${stamp}`;

describe('[AUDIT][E2E]', () => {
  it('[AUDIT][LOG]: support finds who created an event and what it held, filtered by action and person', async () => {
    // The demo user creates an event through the API (convention 12): an audited change.
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const res = await user.request.post('/api/trpc/calendarEvents.create', {
      data: { json: { title: TITLE, timezone: 'UTC', start: '2031-02-03T10:00', end: '2031-02-03T11:00', reminderMinutes: 30 } },
    });
    expect(res.ok()).toBe(true);
    await user.close();

    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.goto('/');
    await page.getByTestId('nav-audit').click();
    await page.waitForURL(/\/audit/);
    await page.getByTestId('audit-table').waitFor();

    await page.getByTestId('audit-action').click();
    await page.getByRole('option', { name: 'calendar_event.create' }).click();
    await page.waitForURL(/action=calendar_event.create/);
    await page.getByTestId('audit-actor').fill('user@opsdeck');
    await page.waitForURL(/actor=user%40opsdeck/);

    const row = page.getByTestId('audit-row').filter({ hasText: 'calendar_event.create' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('user@opsdeck.local');
    // Every listed row is the chosen action.
    for (const action of await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))) {
      expect(action).toBe('calendar_event.create');
    }
    await row.getByTestId('audit-toggle').click();
    const title = page.getByTestId('audit-change-field').filter({ hasText: TITLE });
    await title.waitFor();
    expect(await title.getAttribute('data-field')).toBe('title');
    await screenshot(page, 'audit-log');
    await support.close();
  });

  it('[AUDIT][ROLES]: a user cannot open the audit log', async () => {
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const page = await user.newPage();
    await page.goto('/audit');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await user.close();
  });
});
