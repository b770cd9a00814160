import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('[AUTH][E2E]', () => {
  it('[AUTH][SIGN-IN]: the demo admin signs in through the form and manages users', async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto('/admin/users');
    // Signed out: sent to the sign-in page, then back to where they were going.
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in');

    await page.getByTestId('sign-in-email').fill('admin@opsdeck.local');
    await page.getByTestId('sign-in-password').fill('wrong password');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toMatch(/invalid e-mail or password/i);

    await page.getByTestId('sign-in-password').fill(demoPassword());
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-row').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    const emails = await page.getByTestId('user-email').allTextContents();
    expect(emails).toEqual(expect.arrayContaining(['admin@opsdeck.local', 'support@opsdeck.local', 'user@opsdeck.local']));
    expect(await page.getByTestId('user-menu-name').textContent()).toContain('Ada Admin');
    expect(await page.getByTestId('nav-users').isVisible()).toBe(true);
    await screenshot(page, 'admin-users');

    // Create a user through the modal; the new row appears in the table.
    await page.getByRole('button', { name: /new user/i }).click();
    await page.getByTestId('new-user-name').fill('Elif Ekinci');
    await page.getByTestId('new-user-email').fill('elif@opsdeck.local');
    await page.getByTestId('new-user-password').fill('elif-password-123');
    await page.getByTestId('new-user-submit').click();
    await page.getByTestId('user-row').filter({ hasText: 'elif@opsdeck.local' }).waitFor();
    await context.close();
  });

  it('[AUTH][ROLES]: a support user is refused the admin Users page and sees no link to it', async () => {
    const context = await signedInContext(browser, 'support@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/support');
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-support').isVisible()).toBe(true);

    await page.goto('/admin/users');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('user-row').count()).toBe(0);
    await screenshot(page, 'support-forbidden');

    // The API refuses too, whatever the UI shows.
    const res = await context.request.get(`/api/trpc/users.list?input=${encodeURIComponent('{"json":{}}')}`);
    expect(res.status()).toBe(403);
    await context.close();
  });
});
