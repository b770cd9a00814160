import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';

const DEMO_USER = 'user@opsdeck.local';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Settings = { timezone: string; locale: 'en' | 'tr'; defaultReminderMinutes: number | null };

async function readSettings(context: BrowserContext): Promise<Settings> {
  const res = await context.request.get('/api/trpc/settings.get');
  expect(res.status()).toBe(200);
  return (await res.json()).result.data.json as Settings;
}

async function writeSettings(context: BrowserContext, settings: Settings) {
  const res = await context.request.post('/api/trpc/settings.update', { data: { json: settings } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The feed URL is absolute with the configured public base (localhost); the test server is on 127.0.0.1. */
function feedPath(url: string): string {
  return new URL(url).pathname;
}

async function createLink(page: Page, name: string, mode: 'FULL' | 'BUSY' = 'FULL'): Promise<string> {
  await page.getByTestId('ics-new-link').click();
  await page.getByTestId('ics-link-name').fill(name);
  if (mode === 'BUSY') await page.getByTestId('ics-link-mode-BUSY').click();
  await page.getByTestId('ics-link-create').click();
  const input = page.getByTestId('ics-created-url');
  await input.waitFor();
  return input.inputValue();
}

async function closeCreated(page: Page) {
  await page.getByTestId('ics-created-done').click();
  await page.getByTestId('ics-created-url').waitFor({ state: 'detached' });
}

describe('[SETTINGS][E2E]', () => {
  it('[SETTINGS][ICS]: the demo user creates a subscription link, sees its URL once, subscribes, and revokes all', async () => {
    const context = await signedInContext(browser, DEMO_USER);
    // Other specs share the demo user: start without links.
    expect((await context.request.delete('/api/calendar/ics/token')).status()).toBe(200);
    const page = await context.newPage();

    await page.goto('/settings/calendar');
    await page.getByTestId('ics-links-empty').waitFor();
    expect(await page.getByTestId('settings-nav-calendar').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('ics-revoke-all').isDisabled()).toBe(true);
    await screenshot(page, 'settings-calendar-empty');

    // Create: the URL (with its token) is shown once, in a read-only input.
    const url = await createLink(page, 'iPhone');
    expect(url).toMatch(/\/api\/calendar\/ics\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await page.getByTestId('ics-created-url').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByTestId('ics-created').textContent()).toMatch(/will not be shown again/i);
    await screenshot(page, 'settings-calendar-created');
    await closeCreated(page);

    const token = url.match(/\/([A-Za-z0-9_-]{43})\.ics$/)![1]!;
    const row = page.getByTestId('ics-link-row').filter({ hasText: 'iPhone' });
    await row.waitFor();
    expect(await row.getByTestId('ics-link-name-cell').textContent()).toBe('iPhone');
    expect(await row.getByTestId('ics-link-prefix').textContent()).toBe(`${token.slice(0, 6)}…`);
    expect(await row.getByTestId('ics-link-last-fetched').textContent()).toMatch(/never/i);
    expect(await page.content()).not.toContain(token);

    // The link works over plain HTTP, as a calendar app would fetch it.
    const feed = await context.request.get(feedPath(url));
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toMatch(/^text\/calendar/);
    expect((await feed.text()).startsWith('BEGIN:VCALENDAR')).toBe(true);

    // A second, busy-only link, made on a phone-sized screen; revoked on its own.
    await page.setViewportSize({ width: 390, height: 844 });
    await createLink(page, 'Shared laptop', 'BUSY');
    await screenshot(page, 'settings-calendar-created-phone');
    await closeCreated(page);
    await page.getByTestId('ics-link-row').filter({ hasText: 'Shared laptop' }).waitFor();
    await screenshot(page, 'settings-calendar-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    const busyRow = page.getByTestId('ics-link-row').filter({ hasText: 'Shared laptop' });
    await busyRow.waitFor();
    expect(await busyRow.getByTestId('ics-link-mode-badge').getAttribute('data-mode')).toBe('BUSY');

    // After the fetch the list says when and by what.
    await page.reload();
    await row.waitFor();
    expect(await row.getByTestId('ics-link-last-fetched').textContent()).not.toMatch(/never/i);
    expect(await row.getByTestId('ics-link-client').textContent()).toMatch(/Chrome/);
    await screenshot(page, 'settings-calendar');

    await busyRow.getByTestId('ics-link-revoke').click();
    await page.getByTestId('ics-revoke-modal').waitFor();
    await page.getByTestId('ics-confirm').click();
    await busyRow.waitFor({ state: 'detached' });
    expect(await page.getByTestId('ics-link-row').count()).toBe(1);

    // Dark mode, from the user menu.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('color-scheme-dark').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await screenshot(page, 'settings-calendar-dark');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('color-scheme-light').click();
    await page.keyboard.press('Escape');

    // Revoke all: confirm once, the list empties and the feed is gone.
    await page.getByTestId('ics-revoke-all').click();
    await page.getByTestId('ics-revoke-all-modal').waitFor();
    await page.getByTestId('ics-confirm').click();
    await page.getByTestId('ics-links-empty').waitFor();
    expect((await context.request.get(feedPath(url))).status()).toBe(404);

    await page.reload();
    await page.getByTestId('ics-links-empty').waitFor();
    const html = await page.content();
    expect(html).not.toContain(token);
    expect(html).not.toContain(url);
    await context.close();
  });

  it('[SETTINGS][PROFILE]: the demo user changes zone, language and reminder; the UI turns Turkish and stays so', async () => {
    const context = await signedInContext(browser, DEMO_USER);
    const original = await readSettings(context);
    try {
      const page = await context.newPage();
      await page.goto('/settings');
      const zone = page.getByTestId('settings-timezone');
      await zone.waitFor();
      expect(await page.getByTestId('settings-nav-profile').getAttribute('aria-selected')).toBe('true');
      expect(await zone.inputValue()).toContain(original.timezone.replace(/_/g, ' '));
      expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
      await screenshot(page, 'settings-profile');

      // Time zone: search by city, the offset is in the label.
      await zone.click();
      await zone.fill('new york');
      await page.getByRole('option', { name: /America\/New York/ }).click();
      expect(await zone.inputValue()).toMatch(/^America\/New York \(UTC-0[45]:00\)$/);

      // A custom reminder out of range is refused on the field, then fixed.
      await page.getByTestId('settings-default-reminder').click();
      await page.getByRole('option', { name: 'Custom…' }).click();
      const custom = page.getByTestId('settings-default-reminder-custom');
      await custom.fill('50000');
      await page.getByTestId('settings-save').click();
      await expect.poll(() => page.getByText('The reminder can be at most 40320 minutes (4 weeks)').count()).toBe(1);
      await custom.fill('90');
      expect(await page.getByTestId('settings-default-reminder-summary').textContent()).toMatch(/1 hour 30 minutes/);

      await page.getByTestId('settings-locale').getByText('Türkçe').click();
      await page.getByTestId('settings-save').click();

      // Saved: the UI switches to Turkish now, without a reload.
      await expect.poll(() => page.getByTestId('settings-nav-profile').textContent()).toBe('Profil');
      expect(await page.locator('html').getAttribute('lang')).toBe('tr');
      expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
      expect(await readSettings(context)).toEqual({ timezone: 'America/New_York', locale: 'tr', defaultReminderMinutes: 90 });

      // And after a reload (the profile's language, no browser override).
      await page.reload();
      await page.getByTestId('settings-timezone').waitFor();
      expect(await page.getByTestId('settings-nav-profile').textContent()).toBe('Profil');
      expect(await page.getByTestId('settings-timezone').inputValue()).toContain('America/New York');
      expect(await page.getByTestId('settings-default-reminder-custom').inputValue()).toBe('90');
      expect(await page.getByTestId('settings-default-reminder-summary').textContent()).toMatch(/1 saat 30 dakika/);
      await screenshot(page, 'settings-profile-tr');
      await context.close();
    } finally {
      // Other specs share the demo user.
      const restore = await signedInContext(browser, DEMO_USER);
      await writeSettings(restore, original);
      await restore.close();
    }
  });
});
