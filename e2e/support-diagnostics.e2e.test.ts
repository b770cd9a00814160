import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openDiagnosis(page: Page, query: string, email: string) {
  await page.goto('/');
  await page.getByTestId('nav-support').click();
  await page.waitForURL(/\/support/);
  await page.getByTestId('support-start').waitFor();
  await page.getByTestId('support-search').fill(query);
  await page.waitForURL(new RegExp(`q=${encodeURIComponent(query)}`));
  const result = page.getByTestId('support-result').filter({ hasText: email });
  await result.waitFor();
  await result.getByTestId('support-open').click();
  await page.waitForURL(/user=/);
  await page.getByTestId('support-diagnosis').waitFor();
}

describe('[SUPPORT][E2E]', () => {
  it('[SUPPORT][DIAGNOSTICS]: support follows the complaint path for a bounced reminder and resends it', async () => {
    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.setViewportSize({ width: 1400, height: 1100 });
    await openDiagnosis(page, 'deniz', 'deniz@opsdeck.local');

    // The verdict first: the reminder went out, one recipient bounced with 550.
    const first = page.getByTestId('support-verdict').first();
    expect(await first.getAttribute('data-code')).toBe('reminderBounced');
    expect(await first.getAttribute('data-severity')).toBe('error');
    const sentence = (await first.textContent()) ?? '';
    expect(sentence).toContain('550');
    expect(sentence).toContain('eski.stajyer@firm.example');
    expect(sentence).toContain('3 recipient(s)');

    // Then the runbook's facts: reminderMinutes, reminderSentAt, attendees; the delivery trail.
    const event = page.getByTestId('support-event-row').filter({ hasText: 'Bakırköy' });
    expect(await event.textContent()).toContain('60 min before');
    expect(await event.textContent()).toContain('eski.stajyer@firm.example');
    const bounced = page.getByTestId('delivery-row').filter({ hasText: 'eski.stajyer@firm.example' });
    expect(await bounced.getAttribute('data-status')).toBe('FAILED');
    expect(await bounced.getByTestId('delivery-reply').textContent()).toMatch(/^550 5\.1\.1/);
    expect(await page.getByTestId('support-google-none').textContent()).toContain('not connected');
    await screenshot(page, 'support-diagnostics-bounced');

    // Resend, confirmed once, and see what happened per recipient.
    await event.getByTestId('support-resend').click();
    const modal = page.getByTestId('support-action-modal');
    await modal.waitFor();
    expect(await modal.getAttribute('data-action')).toBe('resend');
    await page.getByTestId('resend-recipient-select').click();
    await page.getByRole('option', { name: 'musteri@client.example' }).click();
    await screenshot(page, 'support-diagnostics-resend-confirm');
    await page.getByTestId('support-action-confirm').click();
    const result = page.getByTestId('support-action-result');
    await result.waitFor();
    const rows = page.getByTestId('resend-recipient');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-outcome')).toBe('SENT');
    await screenshot(page, 'support-diagnostics-resend-result');
    await page.getByTestId('support-action-close').click();
    // The new delivery is in the trail after the page refreshes its facts.
    await page.getByTestId('delivery-row').filter({ hasText: 'musteri@client.example' }).nth(1).waitFor();
    await support.close();
  });

  it('[SUPPORT][DIAGNOSTICS]: support sees that a revoked Google token stopped the sync and the user was asked to reconnect', async () => {
    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openDiagnosis(page, 'elif@', 'elif@opsdeck.local');

    const google = page.locator('[data-testid="support-verdict"][data-code="googleReauthEmailed"]');
    await google.waitFor();
    expect(await google.getAttribute('data-severity')).toBe('error');
    const sentence = (await google.textContent()) ?? '';
    expect(sentence).toContain('Google sync stopped 2 days ago');
    expect(sentence).toContain('invalid_grant: Token has been expired or revoked.');
    expect(sentence).toContain('asked to reconnect');
    const section = page.getByTestId('support-google');
    expect(await section.getByTestId('google-status').getAttribute('data-status')).toBe('REAUTH_REQUIRED');
    expect(await section.getByTestId('google-refresh-error').textContent()).toContain('invalid_grant');
    // No sync while the account needs reconnecting.
    expect(await page.getByTestId('support-sync-now').isDisabled()).toBe(true);
    await screenshot(page, 'support-diagnostics-google-revoked');
    await support.close();
  });

  it('[SUPPORT][PRIVATE]: support cannot read a private event until an admin grants it', async () => {
    const secret = `Settlement terms ${Date.now().toString(36)}`;
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const res = await user.request.post('/api/trpc/calendarEvents.create', {
      data: { json: { title: 'Private strategy call', description: secret, private: true, timezone: 'UTC', start: '2031-02-04T10:00', end: '2031-02-04T11:00' } },
    });
    expect(res.ok()).toBe(true);
    const eventId = ((await res.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
    await user.close();

    const support = await signedInContext(browser, 'support@opsdeck.local');
    const supportPage = await support.newPage();
    await supportPage.goto(`/events/${eventId}`);
    await supportPage.getByText('Withheld (private event; an admin grant is needed)').waitFor();
    expect(await supportPage.content()).not.toContain(secret);

    const admin = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await admin.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openDiagnosis(page, 'user@opsdeck', 'user@opsdeck.local');
    await page.getByTestId('support-grant-open').click();
    await page.getByTestId('support-grant-modal').waitFor();
    await page.getByTestId('support-grant-holder').click();
    await page.getByRole('option', { name: /Sami Support/ }).click();
    await page.getByTestId('support-grant-reason').fill('Ticket 77: the user asked us to check the call notes');
    await page.getByTestId('support-grant-confirm').click();
    await page.getByTestId('support-grant-row').filter({ hasText: 'Ticket 77' }).waitFor();
    expect(await page.getByTestId('support-grant-row').filter({ hasText: 'Ticket 77' }).getAttribute('data-state')).toBe('live');
    await screenshot(page, 'support-diagnostics-private-grant');
    await admin.close();

    await supportPage.reload();
    await supportPage.getByText(secret).waitFor();
    await support.close();
  });

  it('[SUPPORT][ROLES]: a user cannot open the support page', async () => {
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const page = await user.newPage();
    await page.goto('/support');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('nav-support').count()).toBe(0);
    await user.close();
  });
});
