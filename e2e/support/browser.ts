import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { watchForSecrets } from './secret-recorder.ts';

export const baseUrl = () => inject('baseUrl');
export const demoPassword = () => inject('demoPassword');

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: inject('chromiumPath'),
    // As root and with no network, Chromium stalls on background connections without these.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // Every context any spec opens reports the secrets it sees, for the log scan after the run.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => watchForSecrets(await newContext(...args));
  return browser;
}

/** Signs in through the API (convention 12) and returns a context carrying the session cookie. */
export async function signedInContext(browser: Browser, email: string, password = demoPassword()): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
  const res = await context.request.post('/api/trpc/auth.signIn', { data: { json: { email, password } } });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
  return context;
}

export async function screenshot(page: Page, name: string) {
  const dir = path.join('e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
