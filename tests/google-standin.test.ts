// The Google stand-in through the real client libraries (google-auth-library's OAuth2Client and
// the generated @googleapis/calendar client): OAuth consent, PKCE, refresh, revocation, and
// events list/insert/patch/delete with sync tokens, page tokens and etags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleStandin } from '../server/dev/google-standin/index.ts';
import {
  CALENDAR_SCOPES,
  REDIRECT_URI,
  calendarFor,
  connect,
  consent,
  decodeJwtPayload,
  failureOf,
  oauthClientFor,
  startStandin,
} from './support/google-standin-helpers.ts';

let standin: GoogleStandin;
beforeAll(async () => {
  standin = await startStandin();
});
afterAll(() => standin.close());

let seq = 0;
const uniqueEmail = () => `user${++seq}.${Date.now()}@example.com`;
const slot = (day: number, hour: number, hours = 1) => ({
  start: { dateTime: `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z` },
  end: { dateTime: `2026-12-${String(day).padStart(2, '0')}T${String(hour + hours).padStart(2, '0')}:00:00Z` },
});

describe('OAuth 2 consent and tokens', () => {
  it('consent with PKCE yields tokens and an id_token whose claims name the account', async () => {
    const email = uniqueEmail();
    const client = oauthClientFor(standin);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const authUrl = client.generateAuthUrl({
      access_type: 'offline',
      scope: CALENDAR_SCOPES,
      state: 'csrf-state-1',
      login_hint: email,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256' as never,
    });
    expect(authUrl.startsWith(standin.authUrl + '?')).toBe(true);

    const { html, location } = await consent(authUrl);
    expect(html).toContain('Sign in with Google — opsdeck stand-in');
    expect(html).toContain(`value="${email}"`);
    expect(location!.origin + location!.pathname).toBe(REDIRECT_URI);
    expect(location!.searchParams.get('state')).toBe('csrf-state-1');
    expect(location!.searchParams.get('scope')).toBe(CALENDAR_SCOPES.join(' '));
    const code = location!.searchParams.get('code')!;

    const { tokens } = await client.getToken({ code, codeVerifier });
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: CALENDAR_SCOPES.join(' ') });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3500_000);

    const claims = decodeJwtPayload(tokens.id_token!);
    const account = standin.account(email)!;
    expect(claims).toMatchObject({ iss: 'https://accounts.google.com', aud: client._clientId, sub: account.sub, email, email_verified: true, name: account.name });
    expect(account.sub).toMatch(/^\d{21}$/);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);

    // The token endpoint saw the PKCE verifier and the client's credentials in the form body (secret redacted in the log).
    const tokenCall = standin.requests.findLast((r) => r.path === '/token')!;
    expect(tokenCall.body).toMatchObject({ grant_type: 'authorization_code', code_verifier: codeVerifier, client_secret: '[redacted]' });

    // Codes are single-use.
    expect(await failureOf(client.getToken({ code, codeVerifier }))).toMatchObject({ status: 400, reason: 'invalid_grant' });
  });

  it('the same account keeps its sub across consents', async () => {
    const email = uniqueEmail();
    const first = decodeJwtPayload((await connect(standin, email)).tokens.id_token!);
    const second = decodeJwtPayload((await connect(standin, email.toUpperCase())).tokens.id_token!);
    expect(second.sub).toBe(first.sub);
  });

  it('a wrong or missing code_verifier is refused with invalid_grant', async () => {
    const client = oauthClientFor(standin);
    const { codeChallenge } = await client.generateCodeVerifierAsync();
    const other = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({ access_type: 'offline', scope: CALENDAR_SCOPES, code_challenge: codeChallenge, code_challenge_method: 'S256' as never });
    const code = (await consent(url, { email: uniqueEmail() })).location!.searchParams.get('code')!;

    expect(await failureOf(client.getToken({ code, codeVerifier: other.codeVerifier }))).toMatchObject({
      status: 400,
      reason: 'invalid_grant',
      description: 'Invalid code verifier.',
    });
    expect(await failureOf(client.getToken({ code }))).toMatchObject({ status: 400, reason: 'invalid_grant', description: 'Missing code verifier.' });
  });

  it('Deny redirects with access_denied and the state; unknown clients and a missing redirect_uri get an error page', async () => {
    const client = oauthClientFor(standin);
    const denied = await consent(client.generateAuthUrl({ scope: CALENDAR_SCOPES, state: 's-9' }), { decision: 'deny' });
    expect(denied.status).toBe(302);
    expect(denied.location!.searchParams.get('error')).toBe('access_denied');
    expect(denied.location!.searchParams.get('state')).toBe('s-9');
    expect(denied.location!.searchParams.has('code')).toBe(false);

    const unknown = await fetch(`${standin.authUrl}?client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=email`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('invalid_client');
    const noRedirect = await fetch(`${standin.authUrl}?client_id=${encodeURIComponent(client._clientId!)}&response_type=code&scope=email`);
    expect(noRedirect.status).toBe(400);
    expect(await noRedirect.text()).toContain('Missing required parameter: redirect_uri');
  });

  it('a code is bound to its redirect_uri, and a bad client secret is invalid_client', async () => {
    const client = oauthClientFor(standin);
    const url = client.generateAuthUrl({ access_type: 'offline', scope: CALENDAR_SCOPES });
    const code = (await consent(url, { email: uniqueEmail() })).location!.searchParams.get('code')!;
    expect(await failureOf(client.getToken({ code, redirect_uri: 'http://127.0.0.1:9/elsewhere' }))).toMatchObject({ status: 400, reason: 'redirect_uri_mismatch' });
    expect(await failureOf(oauthClientFor(standin, { clientSecret: 'wrong' }).getToken({ code }))).toMatchObject({ status: 401, reason: 'invalid_client' });
  });

  it('online access gets no refresh token', async () => {
    const { tokens } = await connect(standin, uniqueEmail(), { offline: false });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('the library refreshes a token whose expiry_date has passed, before the call', async () => {
    const email = uniqueEmail();
    const { client, tokens } = await connect(standin, email);
    client.setCredentials({ ...tokens, expiry_date: Date.now() - 1000 });
    standin.expireAccessTokens(email);
    const before = standin.requests.length;

    const res = await calendarFor(standin, client).calendars.get({ calendarId: 'primary' });
    expect(res.data).toMatchObject({ kind: 'calendar#calendar', id: email, timeZone: 'UTC' });
    const calls = standin.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls).toEqual(['POST /token 200', 'GET /calendar/v3/calendars/primary 200']);
    expect(standin.requests[before]!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(client.credentials.access_token).not.toBe(tokens.access_token);
    // A refresh keeps the refresh token: Google sends no new one.
    expect(client.credentials.refresh_token).toBe(tokens.refresh_token);
  });

  it('an access token expired early is a 401 the library only recovers from with forceRefreshOnFailure', async () => {
    const email = uniqueEmail();
    const { client, tokens } = await connect(standin, email);
    standin.expireAccessTokens(email);
    const failure = await failureOf(calendarFor(standin, client).calendars.get({ calendarId: 'primary' }));
    expect(failure).toMatchObject({ status: 401, reason: 'authError', rpcStatus: 'UNAUTHENTICATED' });

    const forcing = oauthClientFor(standin, { forceRefreshOnFailure: true });
    forcing.setCredentials(tokens);
    const res = await calendarFor(standin, forcing).calendars.get({ calendarId: 'primary' });
    expect(res.status).toBe(200);
  });

  it('revokeRefreshTokens: the next refresh is invalid_grant and the old access token is a 401', async () => {
    const email = uniqueEmail();
    const { client, tokens } = await connect(standin, email);
    standin.revokeRefreshTokens(email);

    const direct = await failureOf(client.refreshAccessToken());
    expect(direct).toMatchObject({ status: 400, reason: 'invalid_grant', description: 'Token has been expired or revoked.' });
    expect(direct.data).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });

    const stale = await failureOf(calendarFor(standin, client).events.list({ calendarId: 'primary' }));
    expect(stale).toMatchObject({ status: 401, reason: 'authError' });

    client.setCredentials({ ...tokens, expiry_date: Date.now() - 1 });
    const viaCall = await failureOf(calendarFor(standin, client).events.list({ calendarId: 'primary' }));
    expect(viaCall).toMatchObject({ status: 400, reason: 'invalid_grant' });
  });

  it('POST /revoke with the refresh token revokes it and its access tokens', async () => {
    const { client, tokens } = await connect(standin, uniqueEmail());
    const res = await client.revokeToken(tokens.refresh_token!);
    expect(res.status).toBe(200);
    expect(await failureOf(client.refreshAccessToken())).toMatchObject({ status: 400, reason: 'invalid_grant' });
    expect(await failureOf(calendarFor(standin, client).calendars.get({ calendarId: 'primary' }))).toMatchObject({ status: 401 });
    expect(await failureOf(client.revokeToken(tokens.refresh_token!))).toMatchObject({ status: 400, reason: 'invalid_token' });
  });
});

describe('Calendar v3 events', () => {
  it('answers 401 in Google’s shape without a token and 404 for another user’s calendar', async () => {
    const res = await fetch(`${standin.url}calendar/v3/calendars/primary/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        code: 401,
        message: expect.stringContaining('Request had invalid authentication credentials'),
        errors: [{ domain: 'global', reason: 'authError', message: expect.any(String), location: 'Authorization', locationType: 'header' }],
        status: 'UNAUTHENTICATED',
      },
    });
    const other = uniqueEmail();
    standin.addAccount({ email: other });
    const { calendar } = await connect(standin, uniqueEmail());
    expect(await failureOf(calendar.events.list({ calendarId: other }))).toMatchObject({ status: 404, reason: 'notFound', rpcStatus: 'NOT_FOUND' });
  });

  it('a full list pages with nextPageToken and ends with nextSyncToken; a page token is bound to its query', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    for (let i = 0; i < 5; i++) standin.upsertEvent(email, { summary: `Hearing ${i}`, ...slot(10 + i, 9) });
    standin.deleteEvent(email, standin.upsertEvent(email, { summary: 'Gone', ...slot(20, 9) }).id);

    const pages = [];
    let pageToken: string | undefined;
    do {
      const res = await calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken });
      pages.push(res.data);
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(pages.map((p) => p.items!.length)).toEqual([2, 2, 1]);
    expect(pages.slice(0, 2).every((p) => p.nextPageToken && !p.nextSyncToken)).toBe(true);
    expect(pages[2]!.nextSyncToken).toBeTruthy();
    expect(pages[2]!.nextPageToken).toBeUndefined();
    expect(pages.flatMap((p) => p.items!.map((e) => e.summary)).sort()).toEqual(['Hearing 0', 'Hearing 1', 'Hearing 2', 'Hearing 3', 'Hearing 4']);
    expect(pages[0]).toMatchObject({ kind: 'calendar#events', summary: email, timeZone: 'UTC', accessRole: 'owner', defaultReminders: [] });

    const withDeleted = await calendar.events.list({ calendarId: 'primary', showDeleted: true });
    expect(withDeleted.data.items!.filter((e) => e.status === 'cancelled')).toHaveLength(1);

    const first = await calendar.events.list({ calendarId: 'primary', maxResults: 2, timeMin: '2026-12-11T00:00:00Z' });
    expect(first.data.items!.map((e) => e.summary)).toEqual(['Hearing 1', 'Hearing 2']);
    expect(await failureOf(calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken: first.data.nextPageToken! }))).toMatchObject({
      status: 400,
      reason: 'invalid',
    });

    const defaultPage = await calendar.events.list({ calendarId: 'primary' });
    expect(defaultPage.data.items).toHaveLength(5);
  });

  it('full lists filter by updatedMin (deletions included) and order by startTime only for single events', async () => {
    const email = uniqueEmail();
    const { calendar, client } = await connect(standin, email);
    const later = standin.upsertEvent(email, { summary: 'Later', ...slot(20, 9) });
    const sooner = standin.upsertEvent(email, { summary: 'Sooner', ...slot(18, 9) });
    const ordered = await calendar.events.list({ calendarId: 'primary', singleEvents: true, orderBy: 'startTime' });
    expect(ordered.data.items!.map((e) => e.summary)).toEqual(['Sooner', 'Later']);
    expect(await failureOf(calendar.events.list({ calendarId: 'primary', orderBy: 'startTime' }))).toMatchObject({ status: 400, reason: 'invalid' });

    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    standin.deleteEvent(email, sooner.id);
    const changed = await calendar.events.list({ calendarId: 'primary', updatedMin: since });
    expect(changed.data.items).toEqual([expect.objectContaining({ id: sooner.id, status: 'cancelled' })]);
    expect(changed.data.items!.some((e) => e.id === later.id)).toBe(false);

    const res = await fetch(`${standin.url}calendar/v3/calendars/primary/events/${later.id}`, {
      headers: { authorization: `Bearer ${client.credentials.access_token}`, 'if-none-match': later.etag },
    });
    expect(res.status).toBe(304);
  });

  it('incremental sync returns Google-side changes and deletions (cancelled), then nothing', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const kept = standin.upsertEvent(email, { summary: 'Deposition', ...slot(3, 10) });
    const doomed = standin.upsertEvent(email, { summary: 'Call', ...slot(4, 10) });
    const full = await calendar.events.list({ calendarId: 'primary' });
    const syncToken = full.data.nextSyncToken!;

    const moved = standin.upsertEvent(email, { id: kept.id, summary: 'Deposition (moved)', ...slot(3, 14) });
    expect(moved.sequence).toBe(kept.sequence + 1);
    expect(moved.etag).not.toBe(kept.etag);
    standin.deleteEvent(email, doomed.id);

    const inc = await calendar.events.list({ calendarId: 'primary', syncToken });
    const byId = new Map(inc.data.items!.map((e) => [e.id, e]));
    expect(byId.get(kept.id)).toMatchObject({ summary: 'Deposition (moved)', status: 'confirmed', etag: moved.etag });
    expect(byId.get(doomed.id)).toMatchObject({ id: doomed.id, status: 'cancelled' });
    expect(inc.data.nextSyncToken).toBeTruthy();
    expect(inc.data.nextSyncToken).not.toBe(syncToken);

    const again = await calendar.events.list({ calendarId: 'primary', syncToken: inc.data.nextSyncToken! });
    expect(again.data.items).toEqual([]);
    expect(again.data.nextSyncToken).toBeTruthy();
  });

  it('incremental sync pages too, and refuses timeMin/updatedMin/orderBy next to a syncToken', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    for (let i = 0; i < 3; i++) standin.upsertEvent(email, { summary: `New ${i}`, ...slot(5, 8 + i) });
    const p1 = await calendar.events.list({ calendarId: 'primary', syncToken: token, maxResults: 2 });
    expect(p1.data.items).toHaveLength(2);
    expect(p1.data.nextSyncToken).toBeUndefined();
    const p2 = await calendar.events.list({ calendarId: 'primary', syncToken: token, maxResults: 2, pageToken: p1.data.nextPageToken! });
    expect(p2.data.items!.map((e) => e.summary)).toEqual(['New 2']);
    expect(p2.data.nextSyncToken).toBeTruthy();

    // A change made while the caller pages comes back in the next incremental sync, not lost between pages.
    const a = await calendar.events.list({ calendarId: 'primary', maxResults: 2 });
    const during = standin.upsertEvent(email, { summary: 'While paging', ...slot(6, 8) });
    const b = await calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken: a.data.nextPageToken! });
    expect([...a.data.items!, ...b.data.items!].map((e) => e.summary)).toEqual(['New 0', 'New 1', 'New 2']);
    const after = await calendar.events.list({ calendarId: 'primary', syncToken: b.data.nextSyncToken! });
    expect(after.data.items!.map((e) => e.id)).toEqual([during.id]);

    for (const extra of [{ timeMin: '2026-01-01T00:00:00Z' }, { updatedMin: '2026-01-01T00:00:00Z' }, { orderBy: 'updated' }]) {
      expect(await failureOf(calendar.events.list({ calendarId: 'primary', syncToken: token, ...extra }))).toMatchObject({ status: 400, reason: 'invalid' });
    }
  });

  it('expireSyncTokens: the stored token answers 410 fullSyncRequired; a full sync starts over', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    standin.upsertEvent(email, { summary: 'One', ...slot(6, 9) });
    const token = (await calendar.events.list({ calendarId: 'primary' })).data.nextSyncToken!;
    standin.expireSyncTokens(email);

    const failure = await failureOf(calendar.events.list({ calendarId: 'primary', syncToken: token }));
    expect(failure).toMatchObject({ status: 410, reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' });
    expect(failure.data).toMatchObject({ error: { code: 410, errors: [{ domain: 'calendar', reason: 'fullSyncRequired', location: 'syncToken', locationType: 'parameter' }] } });

    const full = await calendar.events.list({ calendarId: 'primary' });
    expect(full.data.items!.map((e) => e.summary)).toEqual(['One']);
    const fresh = await calendar.events.list({ calendarId: 'primary', syncToken: full.data.nextSyncToken! });
    expect(fresh.status).toBe(200);
  });

  it('insert honours a client id (idempotent retries): a second insert is 409 duplicate; a bad id is 400', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const id = 'opsdeck0evt0' + String(Date.now());
    const body = {
      id,
      summary: 'Mediation',
      description: 'Room 4',
      location: 'Istanbul',
      ...slot(8, 9, 2),
      attendees: [{ email: 'client@example.com', displayName: 'Client' }, { email }],
      extendedProperties: { private: { opsdeckEventId: 'evt_1' } },
      reminders: { useDefault: false, overrides: [{ method: 'email' as const, minutes: 30 }] },
      colorId: '5',
    };
    const res = await calendar.events.insert({ calendarId: 'primary', requestBody: body });
    expect(res.data).toMatchObject({
      kind: 'calendar#event',
      id,
      status: 'confirmed',
      sequence: 0,
      iCalUID: `${id}@google.com`,
      summary: 'Mediation',
      organizer: { email, self: true },
      creator: { email },
      extendedProperties: { private: { opsdeckEventId: 'evt_1' } },
      colorId: '5',
    });
    expect(res.data.etag).toMatch(/^"\d{16,}"$/);
    expect(res.data.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.data.updated).toBe(res.data.created);
    expect(res.data.htmlLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(res.data.attendees).toEqual([
      { email: 'client@example.com', displayName: 'Client', responseStatus: 'needsAction' },
      { email, responseStatus: 'needsAction', self: true, organizer: true },
    ]);
    expect(standin.getEvent(email, id)).toEqual(res.data);

    const dup = await failureOf(calendar.events.insert({ calendarId: 'primary', requestBody: body }));
    expect(dup).toMatchObject({ status: 409, reason: 'duplicate', message: 'The requested identifier already exists.' });
    for (const bad of ['UPPER123', 'abc', 'has-dash-123', 'wxyz12345']) {
      expect(await failureOf(calendar.events.insert({ calendarId: 'primary', requestBody: { ...body, id: bad } }))).toMatchObject({ status: 400, reason: 'invalid' });
    }
    expect(await failureOf(calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'No end', start: slot(1, 1).start } }))).toMatchObject({ status: 400, reason: 'required' });
    expect(await failureOf(calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Backwards', start: slot(2, 10).start, end: slot(2, 8).end } }))).toMatchObject({ status: 400, reason: 'timeRangeEmpty' });
  });

  it('patch and update honour If-Match: a stale etag is 412 conditionNotMet; sequence moves only with the times', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Draft', ...slot(9, 9), extendedProperties: { private: { a: '1' } } } })).data;

    const renamed = await calendar.events.patch(
      { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Final', extendedProperties: { private: { b: '2' } } } },
      { headers: { 'If-Match': created.etag! } },
    );
    expect(renamed.data).toMatchObject({ summary: 'Final', sequence: 0, extendedProperties: { private: { a: '1', b: '2' } }, created: created.created });
    expect(renamed.data.etag).not.toBe(created.etag);
    expect((renamed.headers as unknown as Headers).get('etag')).toBe(renamed.data.etag);

    const stale = await failureOf(
      calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Lost update' } }, { headers: { 'If-Match': created.etag! } }),
    );
    expect(stale).toMatchObject({ status: 412, reason: 'conditionNotMet', message: 'Precondition Failed', rpcStatus: 'FAILED_PRECONDITION' });
    expect(standin.getEvent(email, created.id!)!.summary).toBe('Final');

    const moved = await calendar.events.update(
      { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Final', ...slot(9, 11) } },
      { headers: { 'If-Match': renamed.data.etag! } },
    );
    expect(moved.data.sequence).toBe(1);
    // PUT replaces: fields left out are gone.
    expect(moved.data.extendedProperties).toBeUndefined();
    expect(await failureOf(calendar.events.update({ calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'x', ...slot(9, 12) } }, { headers: { 'If-Match': renamed.data.etag! } }))).toMatchObject({ status: 412 });
    // The same instant written another way is no move; a switch to all-day is one, and replaces the whole time.
    const sameTimes = await calendar.events.patch({
      calendarId: 'primary',
      eventId: created.id!,
      requestBody: { start: { dateTime: '2026-12-09T14:00:00+03:00' }, end: { dateTime: '2026-12-09T12:00:00Z' } },
    });
    expect(sameTimes.data.sequence).toBe(1);
    const allDay = await calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { start: { date: '2026-12-09' }, end: { date: '2026-12-10' } } });
    expect(allDay.data).toMatchObject({ sequence: 2, start: { date: '2026-12-09' }, end: { date: '2026-12-10' } });
    expect(allDay.data.start!.dateTime).toBeUndefined();
    expect(await failureOf(calendar.events.patch({ calendarId: 'primary', eventId: 'nosuchevent1', requestBody: { summary: 'x' } }))).toMatchObject({ status: 404, reason: 'notFound' });
  });

  it('delete is 204, again 410 deleted, unknown 404; the cancelled event can still be read, and patched back to life', async () => {
    const email = uniqueEmail();
    const { calendar } = await connect(standin, email);
    const created = (await calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'Short-lived', ...slot(12, 9) } })).data;
    expect(await failureOf(calendar.events.delete({ calendarId: 'primary', eventId: created.id! }, { headers: { 'If-Match': '"1"' } }))).toMatchObject({ status: 412 });

    const res = await calendar.events.delete({ calendarId: 'primary', eventId: created.id! });
    expect(res.status).toBe(204);
    expect(await failureOf(calendar.events.delete({ calendarId: 'primary', eventId: created.id! }))).toMatchObject({
      status: 410,
      reason: 'deleted',
      message: 'Resource has been deleted',
    });
    expect(await failureOf(calendar.events.delete({ calendarId: 'primary', eventId: 'unknown12345' }))).toMatchObject({ status: 404, reason: 'notFound' });

    const read = await calendar.events.get({ calendarId: 'primary', eventId: created.id! });
    expect(read.data).toMatchObject({ id: created.id, status: 'cancelled', summary: 'Short-lived' });
    expect((await calendar.events.list({ calendarId: 'primary' })).data.items).toEqual([]);

    const revived = await calendar.events.patch({ calendarId: 'primary', eventId: created.id!, requestBody: { status: 'confirmed' } });
    expect(revived.data.status).toBe('confirmed');
    expect((await calendar.events.list({ calendarId: 'primary' })).data.items!.map((e) => e.id)).toEqual([created.id]);
  });
});

describe('options, scopes and client authentication', () => {
  it('pageSize and accessTokenTtlSec set the default page and expires_in', async () => {
    const small = await startStandin({ pageSize: 2, accessTokenTtlSec: 120 });
    try {
      const email = uniqueEmail();
      const { calendar, tokens } = await connect(small, email);
      expect(tokens.expiry_date! - Date.now()).toBeLessThanOrEqual(120_000);
      expect(tokens.expiry_date! - Date.now()).toBeGreaterThan(110_000);
      for (let i = 0; i < 3; i++) small.upsertEvent(email, { summary: `E${i}`, ...slot(1, 8 + i) });
      const first = await calendar.events.list({ calendarId: 'primary' });
      expect(first.data.items).toHaveLength(2);
      expect(first.data.nextPageToken).toBeTruthy();
      const capped = await calendar.events.list({ calendarId: 'primary', maxResults: 5000 });
      expect(capped.data.items).toHaveLength(3);
    } finally {
      await small.close();
    }
  });

  it('a token without a calendar scope is 403 insufficientPermissions; a read-only one cannot write', async () => {
    const noCalendar = await connect(standin, uniqueEmail(), { scope: ['openid', 'email'] });
    expect(await failureOf(noCalendar.calendar.events.list({ calendarId: 'primary' }))).toMatchObject({ status: 403, reason: 'insufficientPermissions' });
    const readOnly = await connect(standin, uniqueEmail(), { scope: ['openid', 'https://www.googleapis.com/auth/calendar.readonly'] });
    expect((await readOnly.calendar.events.list({ calendarId: 'primary' })).status).toBe(200);
    expect(await failureOf(readOnly.calendar.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', ...slot(2, 9) } }))).toMatchObject({
      status: 403,
      reason: 'insufficientPermissions',
    });
  });

  it('the token endpoint takes client credentials by HTTP Basic too, and names unsupported grants', async () => {
    const { tokens, client } = await connect(standin, uniqueEmail());
    const basic = Buffer.from(`${client._clientId}:${(client as unknown as { _clientSecret: string })._clientSecret}`).toString('base64');
    const res = await fetch(standin.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: CALENDAR_SCOPES.join(' ') });
    expect(body.refresh_token).toBeUndefined();

    const odd = await fetch(standin.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password' }),
    });
    expect(odd.status).toBe(400);
    expect(await odd.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' });
  });
});
