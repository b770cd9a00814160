// Collects the secrets an e2e run hands out (session cookies, ICS feed tokens, API keys, passwords
// sent in forms) so the teardown can look for them in the server's log (log-scan.ts). Every
// browser context from launchBrowser() is watched, so no spec has to remember to report them.
// The file lives in e2e/.logs (gitignored) and is deleted after a clean scan.
import { appendFileSync } from 'node:fs';
import type { APIRequestContext, APIResponse, BrowserContext, Request, Response } from 'playwright-core';
import { inject } from 'vitest';

const SESSION_COOKIE = 'opsdeck_session';
/** JSON keys whose string values are credentials wherever they appear in a request or an answer. */
const SECRET_KEY = /^(?:token|secret|password|newPassword|apiKey|accessToken|refreshToken)$/i;
/** An API key as apiKeys.create hands it out once (shared/api-keys.ts); its 10-character prefix is public. */
const API_KEY = /^odk_[A-Za-z0-9_-]{24,}$/;
const ICS_TOKEN = /\/api\/calendar\/ics\/([A-Za-z0-9_-]{16,})/g;

export function recordSecret(label: string, value: string): void {
  if (value.length < 8) return;
  appendFileSync(inject('secretsFile'), `${JSON.stringify({ label, value })}\n`);
}

function walk(value: unknown, key: string | null, found: (label: string, secret: string) => void): void {
  if (typeof value === 'string') {
    if (key && SECRET_KEY.test(key)) found(`"${key}" in an API body`, value);
    else if (API_KEY.test(value)) found('an API key', value);
    for (const m of value.matchAll(ICS_TOKEN)) found('an ICS feed token', m[1]!);
    return;
  }
  if (Array.isArray(value)) return value.forEach((v) => walk(v, key, found));
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k, found);
}

function fromJsonText(text: string | null | undefined): void {
  if (!text) return;
  try {
    walk(JSON.parse(text), null, recordSecret);
  } catch {
    // Not JSON (a form post, an ICS body): only the feed-token shape is worth looking for.
    for (const m of text.matchAll(ICS_TOKEN)) recordSecret('an ICS feed token', m[1]!);
  }
}

function fromSetCookie(header: string | undefined): void {
  for (const line of header?.split('\n') ?? []) {
    const [pair] = line.split(';');
    if (pair?.startsWith(`${SESSION_COOKIE}=`)) recordSecret('a session cookie', decodeURIComponent(pair.slice(SESSION_COOKIE.length + 1)));
  }
}

const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');

async function fromPageTraffic(res: Response): Promise<void> {
  if (!isApi(res.url())) return;
  const request: Request = res.request();
  fromJsonText(request.postData());
  fromSetCookie((await res.allHeaders())['set-cookie']);
  // Redirects and aborted loads have no body to read.
  fromJsonText(await res.text().catch(() => null));
}

async function fromApiTraffic(res: APIResponse, body: unknown): Promise<void> {
  if (!isApi(res.url())) return;
  if (body && typeof body === 'object' && 'data' in body) walk((body as { data: unknown }).data, null, recordSecret);
  fromSetCookie(
    res
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value)
      .join('\n'),
  );
  fromJsonText(await res.text().catch(() => null));
}

const REQUEST_METHODS = ['fetch', 'get', 'post', 'put', 'patch', 'delete', 'head'] as const;

/** Watches a context's page traffic and its `request` API, and what cookies it still holds when closed. */
export function watchForSecrets(context: BrowserContext): BrowserContext {
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    const settled = p.catch(() => undefined);
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  };
  context.on('response', (res) => track(fromPageTraffic(res)));

  const request = context.request as APIRequestContext & Record<string, unknown>;
  for (const method of REQUEST_METHODS) {
    const original = (request[method] as (...args: unknown[]) => Promise<APIResponse>).bind(request);
    request[method] = async (...args: unknown[]) => {
      const res = await original(...args);
      await fromApiTraffic(res, args[1]).catch(() => undefined);
      return res;
    };
  }

  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext['close']>) => {
    await Promise.all(pending);
    for (const cookie of await context.cookies().catch(() => [])) {
      if (cookie.name === SESSION_COOKIE) recordSecret('a session cookie', cookie.value);
    }
    return close(...args);
  };
  return context;
}
