// Issue 10, "Security", in a real Chromium: the CSP the server sends is strict and the built SPA
// runs under it without a single violation on any page an admin can open; and a page on another
// origin cannot use the admin's cookie to change anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navItemsForRole } from '../client/src/app/navigation.ts';
import { baseUrl, launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Violation = { directive: string; blocked: string; sample: string; source: string; page: string };

/** Collects CSP violations as the page reports them (the DOM event) and as Chromium logs them. */
async function watchCsp(context: BrowserContext, page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await context.exposeFunction('__reportCspViolation', (v: Omit<Violation, 'page'>) => violations.push({ ...v, page: page.url() }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (apply|load|execute|connect|frame)/i.test(msg.text())) {
      violations.push({ directive: 'console', blocked: '', sample: msg.text(), source: msg.location().url, page: page.url() });
    }
  });
  return violations;
}

function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('[SECURITY][E2E]', () => {
  it('[SECURITY][CSP]: an admin opens every page in the navbar and the SPA breaks no rule of its strict CSP', async () => {
    const context = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await context.newPage();
    const violations = await watchCsp(context, page);

    const shell = await page.goto('/');
    const csp = directives(shell!.headers()['content-security-policy'] ?? null);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
    }
    // Style elements need this response's nonce; no directive allows inline styles wholesale.
    const styleSrc = csp.get('style-src') ?? [];
    expect(styleSrc.some((v) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(v))).toBe(true);
    expect(styleSrc).not.toContain("'unsafe-inline'");

    await page.getByTestId('nav-health').waitFor();
    const visible = new Set(await page.locator('[data-testid^="nav-"]').evaluateAll((links) => links.map((l) => l.getAttribute('data-testid'))));
    const items = navItemsForRole('ADMIN', { mailCatcher: true }).filter((item) => visible.has(item.testId));
    expect(items.length).toBeGreaterThanOrEqual(10);
    for (const item of items) {
      // A full load of each page (a fresh document, fresh nonce), then a client-side visit back.
      await page.goto(item.path);
      await page.getByTestId(item.testId).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.goto('/health');
    for (const item of items) {
      await page.getByTestId(item.testId).click();
      await page.waitForLoadState('networkidle');
    }
    // The colour scheme toggle injects a style of its own.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/calendar');
    await page.getByTestId('calendar-view').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'security-csp-calendar-dark');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('[SECURITY][CSP]: the sign-in page, before any session, breaks no rule either', async () => {
    const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const violations = await watchCsp(context, page);
    await page.goto('/sign-in');
    await page.getByRole('button').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await context.close();
  });

  describe('[SECURITY][CSRF]', () => {
    let attacker: Server;
    let attackerUrl: string;
    beforeAll(async () => {
      // Another port on the same host: another origin but the SAME site, so the SameSite=Lax
      // session cookie rides along. Only the CSRF check stands between this page and the session.
      const target = baseUrl();
      attacker = createServer((_req, res) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><title>prize</title>
<form id="f" method="post" enctype="multipart/form-data" action="${target}/api/trpc/auth.signOut"><input name="x" value="1"></form>
<script>document.getElementById('f').submit()</script>`);
      }).listen(0, '127.0.0.1');
      await new Promise((r) => attacker.once('listening', r));
      attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((r) => attacker.close(() => r())));

    it('[SECURITY][CSRF]: a page on another origin posts a form to sign the admin out, and the admin stays signed in', async () => {
      const context = await signedInContext(browser, 'admin@opsdeck.local');
      const page = await context.newPage();
      const forged = page.waitForResponse((r) => r.url().includes('/api/trpc/auth.signOut'));
      await page.goto(attackerUrl);
      const res = await forged;
      expect(res.status()).toBe(403);
      expect((await res.request().allHeaders())['cookie']).toContain('opsdeck_session=');
      expect(await res.text()).toContain('Cross-origin request refused');

      const me = await context.request.get('/api/trpc/auth.me');
      expect((await me.json()).result.data.json).toMatchObject({ email: 'admin@opsdeck.local' });
      // The SPA itself still changes things: signing out from our own page works.
      const own = await context.newPage();
      await own.goto('/health');
      await own.getByTestId('nav-health').waitFor();
      const signOut = await own.evaluate(async () => (await fetch('/api/trpc/auth.signOut', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      expect(signOut).toBe(200);
      await context.close();
    });
  });
});
