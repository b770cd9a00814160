// Drives the Google stand-in the way the product will: the real OAuth2Client and the real
// generated Calendar client, plus a local webhook receiver for watch pushes.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendar } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { DEMO_CLIENT, startGoogleStandin, type GoogleStandin, type GoogleStandinOptions } from '../../server/dev/google-standin/index.ts';

export const REDIRECT_URI = 'http://127.0.0.1:5173/api/calendar/google/callback';
export const CALENDAR_SCOPES = ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'];

export async function startStandin(opts: GoogleStandinOptions = {}) {
  return startGoogleStandin({ clients: [{ ...DEMO_CLIENT }], ...opts });
}

export function oauthClientFor(standin: GoogleStandin, opts: { clientSecret?: string; forceRefreshOnFailure?: boolean } = {}) {
  return new OAuth2Client({
    clientId: DEMO_CLIENT.clientId,
    clientSecret: opts.clientSecret ?? DEMO_CLIENT.clientSecret,
    redirectUri: REDIRECT_URI,
    endpoints: { oauth2TokenUrl: standin.tokenUrl, oauth2AuthBaseUrl: standin.authUrl, oauth2RevokeUrl: standin.revokeUrl },
    forceRefreshOnFailure: opts.forceRefreshOnFailure,
  });
}

/** gaxios retries GET/PUT/DELETE on 429/5xx on its own; tests that assert one answer turn that off. */
export function calendarFor(standin: GoogleStandin, auth: OAuth2Client, opts: { retry?: boolean } = {}) {
  return calendar({ version: 'v3', auth, rootUrl: standin.url, retry: opts.retry ?? false });
}

function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const unescape = (v: string) => v.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(match[1]!)] = unescape(match[2]!);
  return fields;
}

/** The browser's part of the flow: open the consent page, press Allow or Deny, read where it redirects. */
export async function consent(authUrl: string, opts: { email?: string; decision?: 'allow' | 'deny' } = {}) {
  const pageRes = await fetch(authUrl);
  const html = await pageRes.text();
  if (pageRes.status !== 200) return { status: pageRes.status, html, location: undefined as URL | undefined };
  const form = new URLSearchParams({ ...hiddenInputs(html), decision: opts.decision ?? 'allow' });
  if (opts.email) form.set('email', opts.email);
  else {
    const prefilled = /name="email" type="email" required value="([^"]*)"/.exec(html)?.[1];
    if (prefilled) form.set('email', prefilled);
  }
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!, authUrl);
  const res = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, html, location: res.headers.get('location') ? new URL(res.headers.get('location')!) : undefined };
}

/** Full connect: PKCE, consent as `email`, code exchange; the client ends up holding the tokens. */
export async function connect(standin: GoogleStandin, email: string, opts: { offline?: boolean; scope?: string[] } = {}) {
  const client = oauthClientFor(standin);
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({
    access_type: opts.offline === false ? 'online' : 'offline',
    scope: opts.scope ?? CALENDAR_SCOPES,
    state: 'state-123',
    prompt: 'consent',
    login_hint: email,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256' as never,
  });
  const { location } = await consent(url);
  const code = location!.searchParams.get('code')!;
  const { tokens } = await client.getToken({ code, codeVerifier });
  client.setCredentials(tokens);
  return { client, tokens, calendar: calendarFor(standin, client) };
}

export type ReceivedPush = { headers: IncomingHttpHeaders; body: string };

export async function startWebhookReceiver() {
  const received: ReceivedPush[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/calendar/google/webhook`;
  return {
    url,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A GaxiosError's HTTP status and Google reason, for asserting what a caller of the library sees. */
export async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; response?: { status: number; headers?: { get(name: string): string | null }; data: unknown }; message: string };
    const data = e.response?.data as { error?: { errors?: { reason?: string }[]; message?: string; status?: string } | string; error_description?: string } | undefined;
    // gaxios hands back a fetch Headers object (from another realm under vitest, so no instanceof).
    const header = (name: string) => e.response?.headers?.get(name) ?? null;
    return {
      status: e.response?.status ?? e.status,
      reason: typeof data?.error === 'object' ? data.error.errors?.[0]?.reason : data?.error,
      rpcStatus: typeof data?.error === 'object' ? data.error.status : undefined,
      description: data?.error_description,
      message: e.message,
      retryAfter: header('retry-after'),
      data,
    };
  }
  throw new Error('expected the call to fail');
}
