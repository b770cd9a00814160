// The stand-in's control API (/_standin/api/...) that specs in another process use, and the
// HTML page a demo user edits events on "in Google".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleEvent, GoogleStandin } from '../server/dev/google-standin/index.ts';
import { connect, failureOf, startStandin, startWebhookReceiver } from './support/google-standin-helpers.ts';

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

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${standin.url}_standin/api/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
};

describe('control API', () => {
  it('manages accounts and events as Google-side changes that sync and push', async () => {
    const email = 'control.user@example.com';
    const added = await control('POST', 'accounts', { email, name: 'Control User', timeZone: 'Europe/Istanbul' });
    expect(added).toMatchObject({ status: 200, json: { email, name: 'Control User', timeZone: 'Europe/Istanbul', sub: expect.stringMatching(/^\d{21}$/) } });
    // Idempotent by email.
    expect((await control('POST', 'accounts', { email })).json.sub).toBe(added.json.sub);

    const { calendar } = await connect(standin, email);
    await calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'control-chan', type: 'web_hook', address: receiver.url, token: 't' } });
    const syncToken = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;

    const created = await control('POST', `accounts/${encodeURIComponent(email)}/events`, {
      summary: 'From the control API',
      start: { dateTime: '2026-12-20T10:00:00+03:00' },
      end: { dateTime: '2026-12-20T11:00:00+03:00' },
    });
    expect(created.status).toBe(200);
    const id = (created.json as GoogleEvent).id;
    const edited = await control('PUT', `accounts/${encodeURIComponent(email)}/events/${id}`, { summary: 'Renamed' });
    expect(edited.json).toMatchObject({ id, summary: 'Renamed', sequence: 0 });
    expect((await control('GET', `accounts/${encodeURIComponent(email)}/events/${id}`)).json.summary).toBe('Renamed');
    expect((await control('DELETE', `accounts/${encodeURIComponent(email)}/events/${id}`)).status).toBe(204);
    expect((await control('GET', `accounts/${encodeURIComponent(email)}/events`)).json.items).toEqual([]);
    expect((await control('GET', `accounts/${encodeURIComponent(email)}/events?includeCancelled=true`)).json.items).toMatchObject([{ id, status: 'cancelled' }]);

    const inc = await calendar.events.list({ calendarId: 'primary', syncToken });
    expect(inc.data.items).toEqual([{ kind: 'calendar#event', etag: expect.any(String), id, status: 'cancelled' }]);
    await standin.settled();
    expect(receiver.received.map((r) => r.headers['x-goog-resource-state'])).toEqual(['sync', 'exists', 'exists', 'exists']);

    const accounts = await control('GET', 'accounts');
    expect(accounts.json.accounts).toContainEqual(expect.objectContaining({ email, events: 0, channels: 1 }));
    expect((await control('GET', `channels?email=${encodeURIComponent(email)}`)).json.channels).toMatchObject([{ id: 'control-chan', token: 't', messageNumber: 4 }]);
    expect((await control('POST', 'notify', { email, skipMessageNumber: true })).status).toBe(204);
    expect(receiver.received.at(-1)!.headers['x-goog-message-number']).toBe('6');

    expect((await control('GET', 'accounts/nobody%40example.com/events')).status).toBe(404);
    // Control calls are not Google traffic: they stay out of the request log.
    expect(standin.requests.some((r) => r.path.startsWith('/_standin'))).toBe(false);
  });

  it('injects faults, expires sync tokens and access tokens, revokes refresh tokens', async () => {
    const email = 'faults.user@example.com';
    const { calendar, client } = await connect(standin, email);
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;

    expect((await control('POST', 'faults', { method: 'GET', pathPattern: '/events$', status: 429, retryAfterSec: 3 })).status).toBe(204);
    expect(await failureOf(calendar.events.list({ calendarId: 'primary' }))).toMatchObject({ status: 429, retryAfter: '3' });
    await control('POST', 'faults', { status: 500, times: 3 });
    expect((await control('DELETE', 'faults')).status).toBe(204);
    expect((await control('POST', 'faults', { status: 200 })).status).toBe(400);

    expect((await control('POST', 'expire-sync-tokens', { email })).status).toBe(204);
    expect(await failureOf(calendar.events.list({ calendarId: 'primary', syncToken: token }))).toMatchObject({ status: 410, reason: 'fullSyncRequired' });

    expect((await control('POST', 'expire-access-tokens', { email })).status).toBe(204);
    expect(await failureOf(calendar.events.list({ calendarId: 'primary' }))).toMatchObject({ status: 401 });
    await client.refreshAccessToken().then(({ credentials }) => client.setCredentials(credentials));
    expect((await calendar.events.list({ calendarId: 'primary' })).status).toBe(200);

    expect((await control('POST', 'revoke-refresh-tokens', { email })).status).toBe(204);
    expect(await failureOf(client.refreshAccessToken())).toMatchObject({ status: 400, reason: 'invalid_grant' });

    const log = await control('GET', 'requests');
    expect(log.json.requests.at(-1)).toMatchObject({ method: 'POST', path: '/token', status: 400 });
    expect(log.json.requests.find((r: { headers: Record<string, string> }) => r.headers.authorization)?.headers.authorization).toBe('Bearer [redacted]');
  });
});

describe('HTML page', () => {
  it('lists accounts and events, and its form edits an event as a Google-side change', async () => {
    const email = 'page.user@example.com';
    standin.addAccount({ email, name: 'Page <User>', timeZone: 'Europe/Istanbul' });
    const event = standin.upsertEvent(email, {
      summary: 'Court <hearing>',
      start: { dateTime: '2026-12-21T09:00:00+03:00', timeZone: 'Europe/Istanbul' },
      end: { dateTime: '2026-12-21T10:00:00+03:00', timeZone: 'Europe/Istanbul' },
    });

    const page = await fetch(`${standin.url}_standin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Google stand-in — accounts and events');
    expect(html).toContain('Page &lt;User&gt; &lt;page.user@example.com&gt;');
    expect(html).toContain('value="Court &lt;hearing&gt;"');
    expect(html).toContain('value="2026-12-21T09:00"');
    expect(html).not.toContain('<hearing>');

    const form = new URLSearchParams({ email, id: event.id, allDay: 'false', summary: 'Court hearing (moved)', start: '2026-12-21T13:00', end: '2026-12-21T14:30' });
    const res = await fetch(`${standin.url}_standin/ui/event`, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/_standin/#${encodeURIComponent(email)}`);
    const changed = standin.getEvent(email, event.id)!;
    expect(changed).toMatchObject({ summary: 'Court hearing (moved)', sequence: event.sequence + 1, start: { dateTime: '2026-12-21T13:00:00+03:00', timeZone: 'Europe/Istanbul' } });
    expect(changed.etag).not.toBe(event.etag);

    const created = await fetch(`${standin.url}_standin/ui/event`, {
      method: 'POST',
      body: new URLSearchParams({ email, allDay: 'false', summary: 'Made on the page', start: '2026-12-22T09:00', end: '2026-12-22T09:30' }),
      redirect: 'manual',
    });
    expect(created.status).toBe(303);
    const made = standin.events(email).find((e) => e.summary === 'Made on the page')!;
    expect(made.end).toEqual({ dateTime: '2026-12-22T09:30:00+03:00', timeZone: 'Europe/Istanbul' });

    const backwards = await fetch(`${standin.url}_standin/ui/event`, {
      method: 'POST',
      body: new URLSearchParams({ email, id: made.id, allDay: 'false', summary: 'x', start: '2026-12-22T10:00', end: '2026-12-22T09:00' }),
    });
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('The specified time range is empty.');

    await fetch(`${standin.url}_standin/ui/delete`, { method: 'POST', body: new URLSearchParams({ email, id: made.id }), redirect: 'manual' });
    expect(standin.getEvent(email, made.id)!.status).toBe('cancelled');
    expect(await (await fetch(`${standin.url}_standin/?showCancelled=true`)).text()).toContain(`data-event-id="${made.id}"`);
  });
});
