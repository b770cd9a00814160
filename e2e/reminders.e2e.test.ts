import type { Browser, BrowserContext } from 'playwright-core';
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
const TITLE = `Reminder check ${stamp}`;
const GUEST = `client-${stamp}@example.com`;

/** `YYYY-MM-DDTHH:mm` in UTC, the wall-clock form calendarEvents.create takes. */
const wallClockUtc = (date: Date) => date.toISOString().slice(0, 16);

/** Seeds through the API (convention 12): an event that starts in 10 minutes with a 15-minute reminder, so it is due now. */
async function createDueEvent(context: BrowserContext): Promise<string> {
  const start = new Date(Date.now() + 10 * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const res = await context.request.post('/api/trpc/calendarEvents.create', {
    data: {
      json: {
        title: TITLE,
        timezone: 'UTC',
        start: wallClockUtc(start),
        end: wallClockUtc(end),
        location: 'Courtroom 4',
        reminderMinutes: 15,
        attendees: [{ email: GUEST, name: 'Client' }],
      },
    },
  });
  if (!res.ok()) throw new Error(`create failed: ${res.status()} ${await res.text()}`);
  const body = (await res.json()) as { result: { data: { json: { id: string } } } };
  return body.result.data.json.id;
}

describe('[REMINDER][E2E]', () => {
  it('[REMINDER][MAILBOX]: an admin runs the scan for a reminder due now, reads the e-mail in the Mailbox, and sees the delivery trail on the event', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const eventId = await createDueEvent(context);
    const page = await context.newPage();

    await page.goto('/events');
    await page.getByTestId('reminder-scan-run').click();
    const result = page.getByTestId('reminder-scan-result');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain(TITLE);
    // The admin (owner) and the guest: two e-mails, nothing failed.
    expect(await page.getByTestId('reminder-scan-summary').textContent()).toMatch(/sent 2\b.*failed 0/);
    await page.keyboard.press('Escape');

    // The Mailbox is in the navigation because this server runs its own mail catcher.
    await page.getByTestId('nav-mailbox').click();
    await page.waitForURL(/\/mailbox/);
    await page.getByTestId('mailbox-search').fill(stamp);
    const items = page.getByTestId('mailbox-item');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
    await items.filter({ hasText: GUEST }).click();
    const message = page.getByTestId('mailbox-message');
    await message.waitFor();
    expect(await page.getByTestId('mailbox-subject').textContent()).toContain(TITLE);
    expect(await page.getByTestId('mailbox-envelope-to').textContent()).toBe(GUEST);
    // The HTML body renders in a sandboxed frame.
    const frame = page.frameLocator('[data-testid="mailbox-html"]');
    await expect.poll(() => frame.locator('body').textContent()).toContain('Courtroom 4');
    await screenshot(page, 'mailbox');

    await page.getByTestId('mailbox-tab-attachments').click();
    const ics = page.getByTestId('mailbox-attachment').first();
    expect(await ics.textContent()).toContain(`UID:${eventId}@`);
    expect(await ics.textContent()).toContain('METHOD:PUBLISH');

    // Support's view of the same reminder: each recipient SENT with the SMTP server's reply.
    await page.goto(`/events/${eventId}`);
    const rows = page.getByTestId('event-deliveries').getByTestId('delivery-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    for (const row of await rows.all()) {
      expect(await row.getAttribute('data-status')).toBe('SENT');
      expect(await row.getByTestId('delivery-reply').textContent()).toMatch(/^250 /);
      expect(await row.getByTestId('delivery-attempts').textContent()).toBe('1');
    }
    expect(await page.getByTestId('event-reminder-sent-at').getByText('Not sent').count()).toBe(0);
    await screenshot(page, 'event-deliveries');

    // And per user: the guest's address finds the delivery on the deliveries page.
    await page.goto(`/events/deliveries?recipient=${encodeURIComponent(GUEST)}`);
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(1);
    expect(await page.getByTestId('delivery-recipient').textContent()).toBe(GUEST);
    await screenshot(page, 'deliveries');
    await context.close();
  });

  it('[REMINDER][ROLES]: support reads the Mailbox but has no scan button; a user has neither', async () => {
    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.goto('/mailbox');
    await page.getByTestId('mailbox-search').waitFor();
    expect(await page.getByTestId('reminder-scan-run').count()).toBe(0);
    expect(await page.getByTestId('nav-mailbox').count()).toBe(1);
    await support.close();

    const user = await signedInContext(browser, 'user@opsdeck.local');
    const userPage = await user.newPage();
    await userPage.goto('/calendar');
    await userPage.getByTestId('calendar-view').waitFor();
    expect(await userPage.getByTestId('nav-mailbox').count()).toBe(0);
    await userPage.goto('/mailbox');
    await userPage.getByTestId('forbidden').waitFor();
    await user.close();
  });
});
