// Issue 10, "Proving it": bad input over real HTTP, property-based. The ingestion API, the ICS
// feed, the Google webhook, the manual sync, the CSV export and tRPC's own transport get
// arbitrary bodies, headers, tokens and queries: never a 500, never a stored secret, never an
// import queued for a bad channel token. A failure prints fast-check's seed and path (see
// tests/support/input-arbitraries.ts for re-running it).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { getPool } from '../server/db.ts';
import { createSession, SESSION_COOKIE } from '../server/auth/sessions.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import { setWebhookBaseUrl, WEBHOOK_PATH } from '../server/google/google-endpoints.ts';
import { watchGoogleCalendar } from '../server/google/watch-channel.ts';
import { closeJobQueue } from '../server/jobs/queue.ts';
import { ICS_FEED_PATH } from '../shared/ics.ts';
import { EXPORT_PATH } from '../shared/integration-health.ts';
import { ZIntegrationEventInput } from '../shared/integrations.ts';
import { createTestUser } from './support/factories.ts';
import { accountOf, clearQueuedJobs, connectGoogle, queuedJobs, startTestGoogle } from './support/google-fixtures.ts';
import { arbitraryJson, nearValid, propertyOptions, trickyString } from './support/input-arbitraries.ts';

let server: Server;
let base: string;
let standin: GoogleStandin;
let apiKey: string;
let userCookie: string;
let supportCookie: string;
let adminCookie: string;

const cookieOf = async (role: 'USER' | 'SUPPORT' | 'ADMIN') => {
  const user = await createTestUser({ role });
  return `${SESSION_COOKIE}=${(await createSession({ userId: user.id })).token}`;
};

beforeAll(async () => {
  standin = await startTestGoogle();
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setWebhookBaseUrl(base);
  const admin = await createTestUser({ role: 'ADMIN' });
  apiKey = (await createApiKey({ input: { name: 'properties', ratePerMinute: 10_000_000 }, actorId: admin.id })).key;
  [userCookie, supportCookie, adminCookie] = [await cookieOf('USER'), await cookieOf('SUPPORT'), await cookieOf('ADMIN')];
});
afterAll(async () => {
  await closeJobQueue();
  await new Promise<void>((r) => server.close(() => r()));
  await standin.close();
});

/** Header names and values fetch will send (visible ASCII; no CR/LF). */
const headerValue = fc.stringMatching(/^[\x21-\x7e][\x20-\x7e]{0,60}$/);
const extraHeaders = fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), headerValue, { maxKeys: 4 });

/** What a sender may put in a body: JSON text of any value, JSON text of near-valid batches, or no JSON at all. */
const ingestBody: fc.Arbitrary<string> = fc.oneof(
  arbitraryJson.map((v) => JSON.stringify(v) ?? ''),
  fc.array(nearValid(ZIntegrationEventInput), { minLength: 1, maxLength: 5 }).map((events) => JSON.stringify({ events })),
  fc.array(nearValid(ZIntegrationEventInput), { minLength: 1, maxLength: 3 }).map((events) => JSON.stringify(events)),
  trickyString,
  fc.constantFrom('{', '{"events":', '[{"provider":"sendgrid"', 'null', '\u0000', '{"events":[{"provider":"sendgrid","event":"sendgrid_email_sent","outcome":"error","errorMessage":"a\\u0000b"}]}'),
);

describe('[PROVING][INPUT][HTTP] POST /api/integration-events', () => {
  it('arbitrary bodies and headers with a valid key: a 2xx or a 4xx answer, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        ingestBody,
        fc.option(fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x')),
        fc.option(fc.constantFrom('identity', 'gzip', 'deflate', 'br', 'x-unknown')),
        extraHeaders,
        async (body, contentType, encoding, extra) => {
          const headers: Record<string, string> = { ...extra, authorization: `Bearer ${apiKey}` };
          if (contentType) headers['content-type'] = contentType;
          if (encoding) headers['content-encoding'] = encoding;
          const res = await fetch(`${base}/api/integration-events`, { method: 'POST', headers, body });
          const text = await res.text();
          expect([202, 400, 413, 415], `${res.status} ${text}`).toContain(res.status);
        },
      ),
      propertyOptions(100),
    );
  });

  it('arbitrary Authorization headers without a valid key are 401, and nothing is stored', async () => {
    const before = await countEvents();
    await fc.assert(
      fc.asyncProperty(fc.oneof(headerValue, headerValue.map((v) => `Bearer ${v}`)), ingestBody, async (authorization, body) => {
        const res = await fetch(`${base}/api/integration-events`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        expect(res.status).toBe(401);
      }),
      propertyOptions(60),
    );
    expect(await countEvents()).toBe(before);
  });

  it('regression: a NUL character in one event rejects that event by index; the rest of the batch is stored', async () => {
    const correlationId = randomUUID();
    const ok = { provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok', correlationId };
    const res = await fetch(`${base}/api/integration-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [ok, { ...ok, outcome: 'error', errorMessage: 'a\u0000b' }, { ...ok, metadata: { 'k\u0000': 1 } }] }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: 2, errors: [{ index: 1, fieldErrors: { errorMessage: [expect.any(String)] } }, { index: 2 }] });
    const { rows } = await getPool().query('SELECT id FROM integration_events WHERE correlation_id = $1', [correlationId]);
    expect(rows).toHaveLength(1);
  });

  // The route skips looking for NUL when a UTF-8 body has no \u0000 escape; a body in another
  // charset is not checked that way, and its NUL is still found.
  it('regression: a NUL character in a UTF-16 body is still refused by index', async () => {
    const correlationId = randomUUID();
    const ok = { provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok', correlationId };
    const res = await fetch(`${base}/api/integration-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json; charset=utf-16le' },
      body: Buffer.from(JSON.stringify({ events: [ok, { ...ok, subject: 'u\u0000' }] }), 'utf16le'),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 1, fieldErrors: { subject: [expect.any(String)] } }] });
    const { rows } = await getPool().query('SELECT id FROM integration_events WHERE correlation_id = $1', [correlationId]);
    expect(rows).toHaveLength(1);
  });

  // JSON carries half a surrogate pair only as an escape, which the route looks for in the raw
  // body; an ASCII-only encoder (Python's json.dumps) escapes every emoji as a pair.
  it('regression: half a surrogate pair in one event rejects that event by index; an escaped whole pair is stored as sent', async () => {
    const correlationId = randomUUID();
    const ok = { provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok', correlationId };
    const body = `{"events":[${JSON.stringify(ok).slice(0, -1)},"subject":"mail \\ud83d\\udce7"},${JSON.stringify(ok).slice(0, -1)},"metadata":{"t":"\\uD83D"}}]}`;
    const res = await fetch(`${base}/api/integration-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 1, fieldErrors: { 'metadata.t': [expect.stringContaining('surrogate')] } }] });
    const { rows } = await getPool().query('SELECT subject FROM integration_events WHERE correlation_id = $1', [correlationId]);
    expect(rows).toEqual([{ subject: 'mail \u{1F4E7}' }]);
  });

  // IH-7: what looks like an e-mail, a phone number, a bearer token or a card number never reaches a row.
  const luhnCard = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }).map((digits) => {
    const body = [4, ...digits];
    // The check digit that makes the 16 digits pass Luhn.
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = body[body.length - 1 - i]!;
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return [...body, (10 - (sum % 10)) % 10].join('');
  });
  const secret = fc.oneof(
    fc.emailAddress(),
    fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,15}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom('com', 'net', 'io', 'com.tr')).map(([l, d, t]) => `${l}@${d}.${t}`),
    fc.stringMatching(/^\+90 5\d{2} \d{3} \d{2} \d{2}$/),
    fc.stringMatching(/^05\d{2} \d{3} \d{2} \d{2}$/),
    fc.stringMatching(/^\(\d{3}\) \d{3}-\d{4}$/),
    fc.stringMatching(/^[A-Za-z0-9._~+/-]{12,40}$/).map((t) => `Bearer ${t}`),
    luhnCard,
    luhnCard.map((c) => c.replace(/(\d{4})(?=\d)/g, '$1 ')),
  );
  const separator = fc.constantFrom(' ', ', ', ': ', ' (', '\n', '"', ' - ', '; ');
  const around = fc.stringMatching(/^[A-Za-z .,:!?-]{0,30}$/);
  const secretText = fc.tuple(around, separator, secret, separator, around).map(([a, s1, x, s2, b]) => ({ text: `${a}${s1}${x}${s2}${b}`, secret: x }));

  it('secrets in messages, codes, subjects and metadata (values and keys) are never stored verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(secretText, secretText, secretText, fc.constantFrom('message', 'metaValue', 'metaKey', 'nested', 'subject'), async (a, b, c, where) => {
        const correlationId = randomUUID();
        const event: Record<string, unknown> = { provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'error', correlationId, errorMessage: a.text };
        if (where === 'subject') event.subject = b.text;
        event.metadata =
          where === 'metaKey' ? { [b.text]: 1, note: c.text } : where === 'nested' ? { request: { body: [b.text, { detail: c.text }] } } : { detail: b.text, more: c.text };
        const res = await fetch(`${base}/api/integration-events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: [event] }),
        });
        expect(res.status, await res.text()).toBe(202);
        const { rows } = await getPool().query<{ row: string }>(`SELECT row_to_json(e)::text AS row FROM integration_events e WHERE correlation_id = $1`, [correlationId]);
        expect(rows).toHaveLength(1);
        // Compare on the JSON text as stored, with the secret JSON-escaped the same way.
        const stored = rows[0]!.row;
        for (const s of [a.secret, b.secret, c.secret]) expect(stored, `stored verbatim: ${s}`).not.toContain(JSON.stringify(s).slice(1, -1));
      }),
      propertyOptions(100),
    );
  });
});

/** encodeURIComponent throws on lone surrogates; a browser sends their UTF-8 replacement, so do the same. */
const percentEncode = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

async function countEvents(): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>('SELECT count(*) AS n FROM integration_events');
  return Number(rows[0]!.n);
}

describe('[PROVING][INPUT][HTTP] POST /api/releases', () => {
  it('arbitrary bodies with a valid key: 201, 400 with field errors, 409 or 413, never a 5xx', async () => {
    const { ZReleaseCreateInput } = await import('../shared/releases.ts');
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearValid(ZReleaseCreateInput).map((v) => JSON.stringify(v) ?? ''), fc.string({ unit: 'binary', maxLength: 30 }).map((notes) => JSON.stringify({ version: `p-${randomUUID().slice(0, 8)}`, notes })), arbitraryJson.map((v) => JSON.stringify(v) ?? ''), trickyString), async (body) => {
        const res = await fetch(`${base}/api/releases`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body });
        const text = await res.text();
        expect([201, 400, 409, 413], `${body.slice(0, 200)}: ${res.status} ${text.slice(0, 300)}`).toContain(res.status);
      }),
      propertyOptions(60),
    );
  });

  it('regression: a NUL character in the notes is a 400 naming the field', async () => {
    const res = await fetch(`${base}/api/releases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: `nul-${randomUUID().slice(0, 8)}`, notes: 'deployed\u0000' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors).toEqual({ notes: [expect.any(String)] });
  });
});

describe('[PROVING][INPUT][HTTP] GET /api/calendar/ics/<token>.ics', () => {
  it('arbitrary tokens, encoded or raw, always answer the same 404', async () => {
    const rawToken = fc.stringMatching(/^[A-Za-z0-9%._~!$&'()*+,;=:@-]{0,80}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }).map(percentEncode), rawToken, fc.constantFrom('%', '%zz', '%C0%AF', '%00', '%ZZ.ics', '..%2F..%2Fetc%2Fpasswd')),
        fc.constantFrom('.ics', '', '.ICS', '.ics.ics'),
        fc.option(headerValue),
        async (token, suffix, ifNoneMatch) => {
          const res = await fetch(`${base}${ICS_FEED_PATH}/${token}${suffix}`, { headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} });
          const body = await res.text();
          expect(res.status, `${token}${suffix}: ${body}`).toBe(404);
          expect(JSON.parse(body)).toEqual({ error: 'not_found' });
        },
      ),
      propertyOptions(100),
    );
  });
});

describe('[PROVING][INPUT][HTTP] POST /api/calendar/google/webhook', () => {
  it('arbitrary X-Goog-* headers: always 200, and no import queued without the channel token', async () => {
    const user = await createTestUser();
    const email = `prop-${user.id.slice(0, 8)}@gmail.test`;
    standin.addAccount({ email });
    const accountId = await connectGoogle(user, email);
    const channel = await watchGoogleCalendar(accountId);
    await standin.settled();
    await clearQueuedJobs();
    const before = await accountOf(accountId);

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(channel!.channelId), headerValue, fc.uuid()),
        fc.option(headerValue),
        fc.option(fc.oneof(fc.constant(before.channelResourceId ?? 'x'), headerValue)),
        fc.option(fc.oneof(fc.constantFrom('sync', 'exists', 'not_exists'), headerValue)),
        fc.option(fc.oneof(fc.integer({ min: -5, max: 10_000_000 }).map(String), headerValue)),
        extraHeaders,
        async (channelId, token, resourceId, state, messageNumber, extra) => {
          const headers: Record<string, string> = { ...extra, 'x-goog-channel-id': channelId };
          if (token !== null) headers['x-goog-channel-token'] = token;
          if (resourceId !== null) headers['x-goog-resource-id'] = resourceId;
          if (state !== null) headers['x-goog-resource-state'] = state;
          if (messageNumber !== null) headers['x-goog-message-number'] = messageNumber;
          const res = await fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers });
          await res.arrayBuffer();
          expect(res.status).toBe(200);
          expect(await queuedJobs('google.import')).toEqual([]);
        },
      ),
      propertyOptions(100),
    );
    // A forged notification does not even move the message counter.
    expect((await accountOf(accountId)).channelMessageNumber).toBe(before.channelMessageNumber);
  });
});

describe('[PROVING][INPUT][HTTP] POST /api/calendar/sync', () => {
  it('arbitrary bodies: 400 with field errors when the body is not a valid request, never a 5xx', async () => {
    const { ZSyncNowInput } = await import('../shared/google.ts');
    await fc.assert(
      fc.asyncProperty(fc.oneof(arbitraryJson.map((v) => JSON.stringify(v) ?? ''), trickyString, fc.constantFrom('{', '{"userId":', '[]', '{"userId":null}')), async (body) => {
        const res = await fetch(`${base}/api/calendar/sync`, { method: 'POST', headers: { cookie: userCookie, 'content-type': 'application/json' }, body });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        let parsed: unknown;
        let isJson = true;
        try {
          parsed = JSON.parse(body);
        } catch {
          isJson = false;
        }
        const valid = isJson && ZSyncNowInput.safeParse(parsed).success;
        if (!valid && Buffer.byteLength(body) <= 4096 && body.trim() !== '') {
          expect(res.status, text).toBe(400);
          const answer = JSON.parse(text) as { fieldErrors?: Record<string, string[]> };
          expect(Object.keys(answer.fieldErrors ?? {}).length, text).toBeGreaterThan(0);
        }
      }),
      propertyOptions(100),
    );
  });
});

describe('[PROVING][INPUT][HTTP] GET /api/integration-events.csv', () => {
  it('arbitrary query strings: 400 with field errors or a complete CSV, never a 5xx or a cut-off download', async () => {
    const key = fc.constantFrom('provider', 'event', 'outcome', 'errorClass', 'fingerprint', 'from', 'to', 'text', 'correlationId', 'subject', 'other');
    const value = fc.oneof(trickyString, fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-45T99:99:99Z', 'sendgrid', 'error', '%00'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 5 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await fetch(`${base}${EXPORT_PATH}?${query}`, { headers: { cookie: supportCookie } });
        // A download aborted mid-way makes reading the body throw.
        const text = await res.text();
        expect(res.status, `${query}: ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status === 400) expect(Object.keys((JSON.parse(text) as { fieldErrors: object }).fieldErrors).length).toBeGreaterThan(0);
        else expect(res.status).toBe(200);
      }),
      propertyOptions(80),
    );
  });
});

describe('[PROVING][INPUT][HTTP] tRPC over HTTP', () => {
  const paths = ['calendarEvents.create', 'calendarEvents.update', 'icsLinks.create', 'users.create', 'releases.create', 'integrations.events', 'audit.list', 'auth.signIn'];

  it('arbitrary request bodies (superjson or not) to mutations and queries never answer 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(
          arbitraryJson.map((v) => JSON.stringify({ json: v })),
          fc.tuple(arbitraryJson, arbitraryJson).map(([json, meta]) => JSON.stringify({ json, meta })),
          fc.constantFrom('{"json":{"from":"x"},"meta":{"values":{"from":["Date"]}}}', '{"json":1,"meta":{"values":[["bogus"]]}}', '{"json":{},"meta":{"referentialEqualities":{"a":["b"]}}}'),
          arbitraryJson.map((v) => JSON.stringify(v) ?? ''),
          trickyString,
        ),
        fc.constantFrom('POST', 'GET'),
        async (path, body, method) => {
          const url = method === 'GET' ? `${base}/api/trpc/${path}?input=${percentEncode(body)}` : `${base}/api/trpc/${path}`;
          const res = await fetch(url, method === 'GET' ? { headers: { cookie: adminCookie } } : { method, headers: { cookie: adminCookie, 'content-type': 'application/json' }, body });
          const text = await res.text();
          expect(res.status, `${method} ${path} ${body.slice(0, 200)}: ${text.slice(0, 300)}`).toBeLessThan(500);
        },
      ),
      propertyOptions(100),
    );
  });
});
