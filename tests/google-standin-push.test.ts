// Watch channels and webhook pushes with Google's headers, and injected faults (429 with
// Retry-After, 403 rateLimitExceeded, 5xx) as the real client libraries see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import { calendarFor, connect, failureOf, startStandin, startWebhookReceiver, oauthClientFor } from './support/google-standin-helpers.ts';

let standin: GoogleStandin;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  standin = await startStandin();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await standin.close();
  await receiver.close();
});

let seq = 0;
const uniqueEmail = () => `push${++seq}.${Date.now()}@example.com`;
const times = { start: { dateTime: '2026-12-15T09:00:00Z' }, end: { dateTime: '2026-12-15T10:00:00Z' } };

function pushesFor(channelId: string) {
  return receiver.received.filter((r) => r.headers['x-goog-channel-id'] === channelId);
}
const numbers = (channelId: string) => pushesFor(channelId).map((p) => Number(p.headers['x-goog-message-number']));
const states = (channelId: string) => pushesFor(channelId).map((p) => p.headers['x-goog-resource-state']);

describe('watch channels', () => {
  it('watch answers api#channel, pushes sync then exists for Google-side and API changes, with Google’s headers', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const channelId = `chan-${Date.now()}`;
    const res = await calendar.events.watch({
      calendarId: 'primary',
      requestBody: { id: channelId, type: 'web_hook', address: receiver.url, token: 'per-channel-secret', params: { ttl: '3600' } },
    });
    expect(res.data).toMatchObject({ kind: 'api#channel', id: channelId, resourceId: standin.account(email)!.resourceId, token: 'per-channel-secret' });
    expect(res.data.resourceUri).toBe(`${standin.url}calendar/v3/calendars/${encodeURIComponent(email)}/events?alt=json`);
    const expiration = Number(res.data.expiration);
    expect(expiration).toBeGreaterThan(Date.now() + 3590_000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + 3600_000);
    await standin.settled();

    const [sync] = pushesFor(channelId);
    expect(sync!.headers).toMatchObject({
      'x-goog-channel-id': channelId,
      'x-goog-channel-token': 'per-channel-secret',
      'x-goog-channel-expiration': new Date(expiration).toUTCString(),
      'x-goog-resource-id': res.data.resourceId,
      'x-goog-resource-uri': res.data.resourceUri,
      'x-goog-resource-state': 'sync',
      'x-goog-message-number': '1',
      'content-length': '0',
      'content-type': 'application/json; utf-8',
    });
    expect(sync!.body).toBe('');

    standin.upsertEvent(email, { summary: 'Changed in Google', ...times });
    await standin.settled();
    await calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Made through the API', ...times } });
    await standin.settled();
    expect(states(channelId)).toEqual(['sync', 'exists', 'exists']);
    expect(numbers(channelId)).toEqual([1, 2, 3]);
    expect(standin.channels(email)).toEqual([expect.objectContaining({ id: channelId, address: receiver.url, token: 'per-channel-secret', expiration, messageNumber: 3 })]);

    // A second watch on the same calendar shares the resourceId; its channel id must be new.
    expect(await failureOf(calendar.events.watch({ calendarId: 'primary', requestBody: { id: channelId, type: 'web_hook', address: receiver.url } }))).toMatchObject({
      status: 400,
      reason: 'channelIdNotUnique',
    });
  });

  it('dropNotifications loses pushes but spends their numbers; notify can skip a number; no token header without a token', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const channelId = `drop-${Date.now()}`;
    await calendar.events.watch({ calendarId: 'primary', requestBody: { id: channelId, type: 'web_hook', address: receiver.url } });
    await standin.settled();

    standin.dropNotifications(email, 1);
    const event = standin.upsertEvent(email, { summary: 'Lost push', ...times });
    await standin.settled();
    expect(numbers(channelId)).toEqual([1]);
    standin.upsertEvent(email, { id: event.id, summary: 'Seen push' });
    await standin.settled();
    expect(numbers(channelId)).toEqual([1, 3]);

    await standin.notify(email, { skipMessageNumber: true });
    expect(numbers(channelId)).toEqual([1, 3, 5]);
    await standin.notify(email);
    expect(numbers(channelId)).toEqual([1, 3, 5, 6]);
    expect(pushesFor(channelId).every((p) => !('x-goog-channel-token' in p.headers))).toBe(true);
  });

  it('channels.stop stops the pushes; stopping again or with the wrong resourceId is 404; expired channels stop too', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const channelId = `stop-${Date.now()}`;
    const watch = await calendar.events.watch({ calendarId: 'primary', requestBody: { id: channelId, type: 'web_hook', address: receiver.url } });
    await standin.settled();

    expect(await failureOf(calendar.channels.stop({ requestBody: { id: channelId, resourceId: 'someone-else' } }))).toMatchObject({ status: 404, reason: 'notFound' });
    const stopped = await calendar.channels.stop({ requestBody: { id: channelId, resourceId: watch.data.resourceId! } });
    expect(stopped.status).toBe(204);
    standin.upsertEvent(email, { summary: 'After stop', ...times });
    await standin.settled();
    expect(states(channelId)).toEqual(['sync']);
    expect(standin.channels(email)).toEqual([]);
    expect(await failureOf(calendar.channels.stop({ requestBody: { id: channelId, resourceId: watch.data.resourceId! } }))).toMatchObject({ status: 404 });

    const shortId = `short-${Date.now()}`;
    await calendar.events.watch({ calendarId: 'primary', requestBody: { id: shortId, type: 'web_hook', address: receiver.url, params: { ttl: '1' } } });
    await standin.settled();
    await new Promise((r) => setTimeout(r, 1100));
    standin.upsertEvent(email, { summary: 'After expiry', ...times });
    await standin.settled();
    expect(states(shortId)).toEqual(['sync']);
  });

  it('a push to a receiver that is down does not fail the change that caused it', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const lines: string[] = [];
    const logged = await startStandin({ log: (l) => lines.push(l) });
    try {
      const own = await connect(logged, email);
      await own.calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'dead-end', type: 'web_hook', address: 'http://127.0.0.1:9/hook' } });
      const res = await own.calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Still saved', ...times } });
      expect(res.status).toBe(200);
      await logged.settled();
      expect(lines.some((l) => l.includes('push dead-end #2 exists failed'))).toBe(true);
    } finally {
      await logged.close();
    }
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
  });
});

describe('injected faults', () => {
  it('429 with Retry-After reaches the caller when gaxios retries are off', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    standin.inject({ method: 'GET', path: '/events', status: 429, retryAfterSec: 7 });
    const failure = await failureOf(calendar.events.list({ calendarId: 'primary' }));
    expect(failure).toMatchObject({ status: 429, reason: 'rateLimitExceeded', rpcStatus: 'RESOURCE_EXHAUSTED', retryAfter: '7' });
    expect(failure.data).toEqual({
      error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }], status: 'RESOURCE_EXHAUSTED' },
    });
    // The fault was used up: the next call succeeds.
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
  });

  it('with its default retry config gaxios retries a GET after 429 by itself (ignoring Retry-After), but not a POST', async () => {
    const email = uniqueEmail();
    const { client } = await connect(standin, email);
    const retrying = calendarFor(standin, client, { retry: true });
    standin.inject({ path: '/events', status: 429, retryAfterSec: 30, times: 2 });
    const before = standin.requests.length;
    const started = Date.now();
    const res = await retrying.events.list({ calendarId: 'primary' });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(standin.requests.slice(before).map((r) => r.status)).toEqual([429, 429, 200]);

    standin.inject({ method: 'POST', path: '/events', status: 503 });
    const failure = await failureOf(retrying.events.insert({ calendarId: 'primary', requestBody: { summary: 'Once', ...times } }));
    expect(failure).toMatchObject({ status: 503, reason: 'backendError', rpcStatus: 'UNAVAILABLE' });
    expect(standin.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events')).at(-1)!.status).toBe(503);
    expect(standin.events(email)).toEqual([]);
  });

  it('403 rateLimitExceeded and quotaExceeded reach the client with their reasons', async () => {
    const { calendar } = await connect(standin, uniqueEmail());
    standin.inject({ method: 'POST', path: /\/events$/, status: 403, reason: 'rateLimitExceeded' });
    const limited = await failureOf(calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', ...times } }));
    expect(limited).toMatchObject({ status: 403, reason: 'rateLimitExceeded', rpcStatus: 'PERMISSION_DENIED', message: 'Rate Limit Exceeded' });
    expect(limited.data).toMatchObject({ error: { errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } });

    standin.inject({ status: 403, reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' });
    expect(await failureOf(calendar.events.list({ calendarId: 'primary' }))).toMatchObject({ status: 403, reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' });
  });

  it('with forceRefreshOnFailure the library treats a 403 rate limit as an auth failure: it refreshes and retries once', async () => {
    const { tokens } = await connect(standin, uniqueEmail());
    const client = oauthClientFor(standin, { forceRefreshOnFailure: true });
    client.setCredentials(tokens);
    standin.inject({ method: 'GET', path: '/events', status: 403, reason: 'userRateLimitExceeded' });
    const before = standin.requests.length;
    const res = await calendarFor(standin, client).events.list({ calendarId: 'primary' });
    expect(res.status).toBe(200);
    expect(standin.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/\/calendar\/v3\/calendars\/primary/, '')} ${r.status}`)).toEqual([
      'GET /events 403',
      'POST /token 200',
      'GET /events 200',
    ]);
  });

  it('faults on the token endpoint answer in the OAuth shape (the library retries token POSTs itself); clearFaults empties the queue', async () => {
    const { client } = await connect(standin, uniqueEmail());
    // OAuth2Client sends token requests with its RETRY_CONFIG (POST included, 3 retries).
    standin.inject({ path: '/token', status: 503, times: 4 });
    const before = standin.requests.length;
    expect(await failureOf(client.refreshAccessToken())).toMatchObject({ status: 503, reason: 'server_error' });
    expect(standin.requests.slice(before).map((r) => `${r.path} ${r.status}`)).toEqual(Array(4).fill('/token 503'));
    standin.inject({ path: '/token', status: 400, reason: 'invalid_grant', message: 'Token has been expired or revoked.' });
    expect(await failureOf(client.refreshAccessToken())).toMatchObject({ status: 400, reason: 'invalid_grant', description: 'Token has been expired or revoked.' });
    standin.inject({ path: '/events', status: 500, times: 5 });
    standin.clearFaults();
    expect((await calendarFor(standin, client).events.list({ calendarId: 'primary' })).status).toBe(200);
  });
});
