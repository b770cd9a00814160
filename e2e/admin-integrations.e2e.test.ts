import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const event = (provider: string, name: string, idempotencyKey: string) => ({
  events: [{ provider, event: name, outcome: 'ok', latencyMs: 120, idempotencyKey }],
});

describe('[INTEGRATIONS][ADMIN][E2E]', () => {
  it('[INTEGRATIONS][API-KEYS]: an admin creates a scoped key, reads it once, posts with it, then revokes it', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/health');
    await page.getByTestId('nav-integrations').click();
    await page.waitForURL('**/admin/integrations');
    // A fresh database has no keys: the empty state says what they are for. The specs share one
    // server and others (playbooks-releases) post with keys of their own, so the empty state is
    // only asserted when this spec runs first.
    const keys = await context.request.get('/api/trpc/apiKeys.list');
    if ((await keys.json()).result.data.json.length === 0) {
      await page.getByTestId('api-keys-empty').waitFor();
      await screenshot(page, 'admin-api-keys-empty');
    } else {
      await page.getByTestId('api-key-row').first().waitFor();
    }

    const name = `SendGrid relay ${Date.now()}`;
    await page.getByTestId('api-key-new').click();
    await page.getByTestId('api-key-name').fill(name);
    await page.getByTestId('api-key-providers').click();
    await page.getByTestId('api-key-providers').fill('Send');
    await page.getByRole('option', { name: 'SendGrid' }).click();
    // The picker stays open for more choices; moving on closes it.
    await page.getByTestId('api-key-providers').press('Tab');
    expect(await page.getByTestId('api-key-rate').inputValue()).toBe('120,000');
    await page.getByTestId('api-key-create').click();

    // The key is on screen exactly once, with a curl example for this origin.
    const value = page.getByTestId('api-key-created-value');
    await value.waitFor();
    const key = await value.inputValue();
    expect(key).toMatch(/^odk_[A-Za-z0-9_-]{43}$/);
    const curl = await page.getByTestId('api-key-created-curl').textContent();
    expect(curl).toContain(`${baseUrl()}/api/integration-events`);
    expect(curl).toContain(`Authorization: Bearer ${key}`);
    expect(curl).toContain('"provider": "sendgrid"');
    await screenshot(page, 'admin-api-key-created');

    const auth = { Authorization: `Bearer ${key}` };
    const ok = await context.request.post('/api/integration-events', { headers: auth, data: event('sendgrid', 'sendgrid_email_sent', `e2e-${name}-1`) });
    expect(ok.status()).toBe(202);
    expect(await ok.json()).toMatchObject({ accepted: 1, duplicate: 0, rejected: 0 });

    const outOfScope = await context.request.post('/api/integration-events', { headers: auth, data: event('twilio', 'twilio_sms_sent', `e2e-${name}-2`) });
    expect(outOfScope.status()).toBe(202);
    const refused = await outOfScope.json();
    expect(refused).toMatchObject({ accepted: 0, rejected: 1 });
    expect(refused.errors[0].fieldErrors.provider[0]).toMatch(/may post only for: sendgrid/);

    await page.getByTestId('api-key-created-done').click();
    await value.waitFor({ state: 'detached' });
    // Gone for good: a reload shows the row, never the key.
    await page.reload();
    const row = page.getByTestId('api-key-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.getByTestId('api-key-scope').textContent()).toBe('SendGrid');
    expect(await page.content()).not.toContain(key);
    await screenshot(page, 'admin-api-keys');

    // Revoking asks once, naming the key; the same post is then refused.
    await row.getByTestId('api-key-revoke').click();
    const modal = page.getByTestId('api-key-revoke-modal');
    await modal.waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain(name);
    await page.getByTestId('api-key-confirm').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('revoked');
    expect(await row.getByTestId('api-key-revoke').count()).toBe(0);
    await modal.waitFor({ state: 'detached' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'admin-api-keys-revoked-dark');

    const afterRevoke = await context.request.post('/api/integration-events', { headers: auth, data: event('sendgrid', 'sendgrid_email_sent', `e2e-${name}-3`) });
    expect(afterRevoke.status()).toBe(401);
    await context.close();
  });

  it('[INTEGRATIONS][PROVIDERS]: an admin adds a critical provider and a taken key is refused on the field', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/admin/integrations');
    await page.getByTestId('tab-providers').click();
    await page.waitForURL('**/admin/integrations?tab=providers');
    const sendgrid = page.locator('[data-testid="provider-row"][data-provider="sendgrid"]');
    await sendgrid.waitFor();
    expect(await sendgrid.getAttribute('data-built-in')).toBe('true');

    const addAcme = async () => {
      await page.getByTestId('provider-new').click();
      await page.getByTestId('provider-name').fill('Acme SMS');
      await page.getByTestId('provider-key').fill('acme_sms');
      await page.getByTestId('provider-tier').click();
      await page.getByRole('option', { name: /^Critical/ }).click();
      for (const name of ['acme_sms_sent', 'acme_sms_error']) {
        await page.getByTestId('provider-events-input').fill(name);
        await page.getByTestId('provider-events-input').press('Enter');
      }
      await page.getByTestId('provider-create').click();
    };

    await addAcme();
    const acme = page.locator('[data-testid="provider-row"][data-provider="acme_sms"]');
    await acme.waitFor();
    await page.getByTestId('provider-form').waitFor({ state: 'detached' });
    expect(await acme.getAttribute('data-tier')).toBe('CRITICAL');
    expect(await acme.getAttribute('data-built-in')).toBe('false');
    expect(await acme.getByTestId('provider-thresholds').textContent()).toBe('degraded ≥ 2% · failing ≥ 10% · min 5 errors');
    expect(await acme.getByTestId('provider-events').textContent()).toBe('acme_sms_sentacme_sms_error');
    await screenshot(page, 'admin-providers');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('provider-new').click();
    await page.getByTestId('provider-tier').click();
    await screenshot(page, 'admin-provider-new-dark');
    await page.getByRole('option', { name: /^Non-blocking/ }).click();
    expect(await page.getByTestId('provider-tier-explanation').textContent()).toContain('never block users');
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByTestId('provider-form').waitFor({ state: 'detached' });
    await page.emulateMedia({ colorScheme: 'light' });

    // The same key again: the server's CONFLICT lands under the key field.
    await addAcme();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('This key is taken');
    await context.close();
  });

  it('[INTEGRATIONS][ROLES]: support is refused the Integrations page and sees no link to it', async () => {
    const context = await signedInContext(browser, 'support@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/admin/integrations');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('nav-integrations').count()).toBe(0);
    expect(await page.getByTestId('api-key-row').count()).toBe(0);
    await context.close();
  });
});
