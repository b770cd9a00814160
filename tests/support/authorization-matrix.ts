// The one table of who may call what (issue 10, "Proving it"). tests/authorization-matrix.test.ts
// enumerates appRouter's procedures and the Express app's routes and checks each against this
// table for anonymous, USER, SUPPORT and ADMIN. A procedure or route without an entry fails
// that test by name, and so does an entry for something that no longer exists.
//
// How "denied" is told from "allowed but invalid": the role checks in server/trpc/init.ts run
// before the input is parsed, so a denied call fails with exactly the denial code listed here
// whatever the input. An allowed call must SUCCEED with the sample input, unless the entry
// names the codes its sample input is expected to fail with past authorization
// (`allowedFailures`, e.g. NOT_FOUND for a random id). A code the row uses as a denial (say
// NOT_FOUND for a USER who must not learn the event exists) never counts as "allowed" for
// another role in that row, so those samples point at real rows.
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, createTestUser } from './factories.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCaller } from '../../server/trpc/routers/_app.ts';
import type { TRole } from '../../shared/roles.ts';

export const CALLER_KINDS = ['anonymous', 'USER', 'SUPPORT', 'ADMIN'] as const;
export type TCallerKind = (typeof CALLER_KINDS)[number];
export type TDenial = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
export type TOutcome = 'allowed' | TDenial;
export type TRoleOutcomes = Record<TCallerKind, TOutcome>;

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** What a sample input may build: every call gets fresh rows, so one call's mutation never changes another's outcome. */
export type MatrixFixtures = {
  /** The caller (null when anonymous). */
  self: TestUser | null;
  /** A new USER unrelated to the caller. */
  stranger(role?: TRole): Promise<TestUser>;
  /** A live event owned by a new stranger; `attendees` are added as invitees. */
  strangerEvent(opts?: { attendees?: string[] }): Promise<{ id: string }>;
  unique(): string;
};

const unique = () => randomUUID().slice(0, 8);

/** Fixtures for one call; every helper makes new rows. */
export function matrixFixtures(self: TestUser | null): MatrixFixtures {
  const stranger: MatrixFixtures['stranger'] = (role = 'USER') => createTestUser({ role });
  return {
    self,
    stranger,
    unique,
    async strangerEvent(opts = {}) {
      const owner = await stranger();
      const caller = createCaller(await createContextInner({ user: owner }));
      const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      return caller.calendarEvents.create({
        title: `Matrix ${unique()}`,
        timezone: 'UTC',
        start: `${day}T09:00`,
        end: `${day}T10:00`,
        attendees: (opts.attendees ?? []).map((email) => ({ email })),
      });
    },
  };
}

export type ProcedureEntry = {
  expect: TRoleOutcomes;
  /** The input sent to every caller kind; omitted for procedures without input. */
  input?: (fx: MatrixFixtures) => unknown;
  /** tRPC codes an allowed caller may get from the sample input (it got past authorization). */
  allowedFailures?: string[];
};

export const PUBLIC: TRoleOutcomes = { anonymous: 'allowed', USER: 'allowed', SUPPORT: 'allowed', ADMIN: 'allowed' };
export const SIGNED_IN: TRoleOutcomes = { anonymous: 'UNAUTHORIZED', USER: 'allowed', SUPPORT: 'allowed', ADMIN: 'allowed' };
export const STAFF: TRoleOutcomes = { anonymous: 'UNAUTHORIZED', USER: 'FORBIDDEN', SUPPORT: 'allowed', ADMIN: 'allowed' };
export const ADMIN_ONLY: TRoleOutcomes = { anonymous: 'UNAUTHORIZED', USER: 'FORBIDDEN', SUPPORT: 'FORBIDDEN', ADMIN: 'allowed' };
/** Calendar events: a USER who neither owns nor attends gets NOT_FOUND, so existence does not leak (convention 2). */
export const OWNER_OR_STAFF: TRoleOutcomes = { anonymous: 'UNAUTHORIZED', USER: 'NOT_FOUND', SUPPORT: 'allowed', ADMIN: 'allowed' };

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const sampleEvent = (title: string) => ({ title, timezone: 'UTC', start: `${tomorrow()}T09:00`, end: `${tomorrow()}T10:00` });
const checkItem = () => ({ title: 'Matrix check', provider: 'sendgrid', successEvents: ['sendgrid_email_sent'] });

export const PROCEDURE_MATRIX: Record<string, ProcedureEntry> = {
  'auth.signIn': {
    expect: PUBLIC,
    input: async (fx) => ({ email: (await fx.stranger()).email, password: TEST_PASSWORD }),
  },
  'auth.signOut': { expect: SIGNED_IN },
  'auth.me': { expect: PUBLIC },

  'users.list': { expect: ADMIN_ONLY, input: () => ({}) },
  'users.create': {
    expect: ADMIN_ONLY,
    input: (fx) => ({ email: `matrix-${fx.unique()}@test.opsdeck`, name: 'Matrix', role: 'USER', password: TEST_PASSWORD }),
  },
  'users.setRole': { expect: ADMIN_ONLY, input: async (fx) => ({ id: (await fx.stranger()).id, role: 'SUPPORT' }) },
  'users.setDisabled': { expect: ADMIN_ONLY, input: async (fx) => ({ id: (await fx.stranger()).id, disabled: true }) },

  'icsLinks.create': { expect: SIGNED_IN, input: () => ({ name: 'Matrix phone' }) },
  'icsLinks.list': { expect: SIGNED_IN },
  'icsLinks.revoke': { expect: SIGNED_IN, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'icsLinks.revokeAll': { expect: SIGNED_IN },

  'calendarEvents.list': { expect: SIGNED_IN, input: () => ({}) },
  'calendarEvents.get': { expect: OWNER_OR_STAFF, input: async (fx) => ({ id: (await fx.strangerEvent()).id }) },
  'calendarEvents.create': { expect: SIGNED_IN, input: () => sampleEvent('Matrix create') },
  'calendarEvents.update': {
    expect: OWNER_OR_STAFF,
    input: async (fx) => ({ id: (await fx.strangerEvent()).id, patch: { title: 'Matrix update' } }),
  },
  'calendarEvents.delete': { expect: OWNER_OR_STAFF, input: async (fx) => ({ id: (await fx.strangerEvent()).id }) },
  // Any signed-in invitee answers; who may answer what is covered in calendar-events-router.test.ts.
  'calendarEvents.respond': {
    expect: SIGNED_IN,
    input: async (fx) => ({ id: (await fx.strangerEvent({ attendees: fx.self ? [fx.self.email] : [] })).id, rsvp: 'ACCEPTED' }),
  },

  'settings.get': { expect: SIGNED_IN },
  'settings.update': { expect: SIGNED_IN, input: () => ({ timezone: 'Europe/Istanbul' }) },

  'apiKeys.create': { expect: ADMIN_ONLY, input: () => ({ name: 'Matrix key' }) },
  'apiKeys.list': { expect: ADMIN_ONLY },
  'apiKeys.revoke': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },

  'integrations.summary': { expect: STAFF, input: () => ({}) },
  'integrations.timeseries': { expect: STAFF, input: () => ({}) },
  'integrations.events': { expect: STAFF, input: () => ({}) },
  'integrations.errorGroups': { expect: STAFF, input: () => ({}) },
  'integrations.providers': { expect: STAFF },
  'integrations.createProvider': {
    expect: ADMIN_ONLY,
    input: (fx) => ({ key: `matrix_${fx.unique()}`, displayName: 'Matrix provider', tier: 'STANDARD' }),
  },

  'reminders.scanNow': { expect: ADMIN_ONLY },
  'reminders.deliveries': { expect: STAFF, input: () => ({}) },

  'mailbox.status': { expect: STAFF },
  // The mailbox exists only while the product runs its own mail catcher (not in these tests): NOT_FOUND past authorization.
  'mailbox.list': { expect: STAFF, input: () => ({}), allowedFailures: ['NOT_FOUND'] },
  'mailbox.get': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'mailbox.clear': { expect: STAFF, allowedFailures: ['NOT_FOUND'] },

  'audit.list': { expect: STAFF, input: () => ({}) },
  'audit.facets': { expect: STAFF },

  'playbooks.get': { expect: STAFF, input: () => ({ provider: 'sendgrid' }) },
  'playbooks.versions': { expect: STAFF, input: () => ({ provider: 'sendgrid' }) },
  'playbooks.version': { expect: STAFF, input: () => ({ provider: 'sendgrid', version: 999_999 }), allowedFailures: ['NOT_FOUND'] },
  // expectedVersion far ahead: an admin gets past authorization and meets the lost-update check.
  'playbooks.update': {
    expect: ADMIN_ONLY,
    input: () => ({ provider: 'sendgrid', markdown: '# Matrix', expectedVersion: 999_999 }),
    allowedFailures: ['CONFLICT'],
  },
  'playbooks.restore': {
    expect: ADMIN_ONLY,
    input: () => ({ provider: 'sendgrid', version: 999_999, expectedVersion: 999_999 }),
    allowedFailures: ['NOT_FOUND', 'CONFLICT'],
  },

  'releases.list': { expect: STAFF, input: () => ({}) },
  'releases.get': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'releases.markers': { expect: STAFF, input: () => ({ from: new Date(Date.now() - 86_400_000), to: new Date() }) },
  'releases.create': { expect: ADMIN_ONLY, input: (fx) => ({ version: `matrix-${fx.unique()}` }) },
  'releases.override': {
    expect: ADMIN_ONLY,
    input: () => ({ releaseId: randomUUID(), itemId: randomUUID(), status: 'passed', note: 'matrix override' }),
    allowedFailures: ['NOT_FOUND'],
  },
  'releases.clearOverride': {
    expect: ADMIN_ONLY,
    input: () => ({ releaseId: randomUUID(), itemId: randomUUID() }),
    allowedFailures: ['NOT_FOUND'],
  },
  'releases.items': { expect: STAFF },
  'releases.createItem': { expect: ADMIN_ONLY, input: () => checkItem() },
  'releases.updateItem': { expect: ADMIN_ONLY, input: () => ({ ...checkItem(), id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'releases.archiveItem': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },

  'googleCalendar.status': { expect: SIGNED_IN },
  // Nobody in the matrix has connected Google: past authorization the service says so.
  'googleCalendar.disconnect': { expect: SIGNED_IN, allowedFailures: ['NOT_FOUND', 'PRECONDITION_FAILED'] },
  'googleCalendar.syncNow': { expect: SIGNED_IN, allowedFailures: ['NOT_FOUND', 'PRECONDITION_FAILED'] },
  'googleCalendar.forUser': { expect: STAFF, input: async (fx) => ({ userId: (await fx.stranger()).id }) },
  'googleCalendar.eventLink': { expect: STAFF, input: async (fx) => ({ eventId: (await fx.strangerEvent()).id }) },

  'jobs.overview': { expect: STAFF },
  'jobs.list': { expect: STAFF, input: () => ({}) },
  'jobs.workers': { expect: STAFF },
  // A random id: past authorization the job is not there.
  'jobs.get': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'jobs.retry': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'jobs.runNow': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'jobs.setDisabled': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID(), disabled: true }), allowedFailures: ['NOT_FOUND'] },
  'jobs.delete': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },

  'alerts.rules': { expect: STAFF, input: () => ({}) },
  'alerts.updateRule': {
    expect: ADMIN_ONLY,
    input: () => ({ provider: 'mapbox', enabled: true, kind: 'THRESHOLD', params: { windowMinutes: 15, warningRate: 0.05, criticalRate: 0.2, minErrors: 5, wilson: false } }),
  },
  'alerts.resetRule': { expect: ADMIN_ONLY, input: () => ({ provider: 'mapbox', kind: 'THRESHOLD' }) },
  'alerts.channels': { expect: ADMIN_ONLY },
  'alerts.createChannel': { expect: ADMIN_ONLY, input: (fx) => ({ name: `Matrix hook ${fx.unique()}`, kind: 'WEBHOOK', url: 'https://hooks.example.com/opsdeck' }) },
  'alerts.updateChannel': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID(), enabled: false }), allowedFailures: ['NOT_FOUND'] },
  'alerts.deleteChannel': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'alerts.mutes': { expect: STAFF },
  'alerts.mute': { expect: ADMIN_ONLY, input: () => ({ provider: 'posthog', minutes: 30, reason: 'matrix maintenance' }), allowedFailures: ['CONFLICT'] },
  'alerts.unmute': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },

  'incidents.list': { expect: STAFF, input: () => ({}) },
  'incidents.get': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'incidents.acknowledge': { expect: STAFF, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
  'incidents.addNote': { expect: STAFF, input: () => ({ id: randomUUID(), body: 'matrix note' }), allowedFailures: ['NOT_FOUND'] },
  'incidents.setCheck': { expect: STAFF, input: () => ({ id: randomUUID(), line: 1, text: 'Check the status page', checked: true }), allowedFailures: ['NOT_FOUND'] },
  'incidents.resolve': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID(), note: 'matrix resolve' }), allowedFailures: ['NOT_FOUND'] },

  'support.findUsers': { expect: STAFF, input: () => ({ query: 'test' }) },
  'support.diagnose': { expect: STAFF, input: async (fx) => ({ userId: (await fx.stranger()).id }) },
  // No SMTP in this test process: past authorization the resend says there is nowhere to send.
  'support.resendReminder': { expect: STAFF, input: async (fx) => ({ eventId: (await fx.strangerEvent()).id }), allowedFailures: ['SERVICE_UNAVAILABLE'] },
  'support.syncGoogleNow': { expect: STAFF, input: async (fx) => ({ userId: (await fx.stranger()).id }), allowedFailures: ['NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'] },
  'support.requestGoogleReconnect': { expect: STAFF, input: async (fx) => ({ userId: (await fx.stranger()).id }), allowedFailures: ['NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'] },
  'support.revokeIcsLinks': { expect: STAFF, input: async (fx) => ({ userId: (await fx.stranger()).id }) },
  'support.privateGrants': { expect: STAFF },
  'support.grantPrivateAccess': { expect: ADMIN_ONLY, input: async (fx) => ({ supportUserId: (await fx.stranger('SUPPORT')).id, reason: 'matrix grant', hours: 1 }) },
  'support.revokePrivateGrant': { expect: ADMIN_ONLY, input: () => ({ id: randomUUID() }), allowedFailures: ['NOT_FOUND'] },
};

// ---- HTTP routes (server/http/*.ts, mounted in server/http/app.ts) ----

/** An exact status, or a 303 whose Location is (or is not) the sign-in page. */
export type THttpOutcome = number | 'SIGN_IN_REDIRECT' | 'REDIRECT_PAST_SIGN_IN';

export type HttpFixtures = {
  base: string;
  /** An API key made by an admin, for the API-key routes. */
  apiKey(): Promise<string>;
  /** A live ICS feed URL path of a new USER. */
  icsFeedPath(): Promise<string>;
  /** A new USER's id (someone other than the caller). */
  strangerId(): Promise<string>;
  unique(): string;
};

export type HttpCase = {
  /** What this case sends, in words (test names). */
  name: string;
  request: (fx: HttpFixtures) => Promise<{ path: string; init?: RequestInit }>;
  /**
   * Outcomes per caller kind; the caller's session cookie is added to the request. For
   * statuses past authorization whose exact value depends on the product's state (Google not
   * connected), `allowedStatuses` lists what counts as "allowed".
   */
  expect: Record<TCallerKind, THttpOutcome | 'allowed'>;
  allowedStatuses?: number[];
};

const ALL = (outcome: THttpOutcome): Record<TCallerKind, THttpOutcome> => ({ anonymous: outcome, USER: outcome, SUPPORT: outcome, ADMIN: outcome });
const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Keyed by `METHOD path` as Express registers it (ALL for router.all). */
export const HTTP_MATRIX: Record<string, HttpCase[]> = {
  'GET /healthz': [{ name: 'liveness', request: async () => ({ path: '/healthz' }), expect: ALL(200) }],
  'GET /readyz': [{ name: 'readiness', request: async () => ({ path: '/readyz' }), expect: ALL(200) }],
  // Prometheus scrapes without a session; METRICS_TOKEN (unset here) is what guards it in production.
  'GET /metrics': [{ name: 'Prometheus scrape', request: async () => ({ path: '/metrics' }), expect: ALL(200) }],

  // The feed URL is the credential: a session cookie neither grants nor takes anything away.
  'GET /api/calendar/ics/:file': [
    { name: 'unknown token', request: async () => ({ path: `/api/calendar/ics/${randomUUID()}.ics` }), expect: ALL(404) },
    { name: 'a live token of someone else', request: async (fx) => ({ path: await fx.icsFeedPath() }), expect: ALL(200) },
  ],
  'ALL /api/calendar/ics/:file': [
    { name: 'POST on a live feed URL', request: async (fx) => ({ path: await fx.icsFeedPath(), init: { method: 'POST' } }), expect: ALL(404) },
  ],
  'DELETE /api/calendar/ics/token': [
    {
      name: 'revoke all of my links',
      request: async () => ({ path: '/api/calendar/ics/token', init: { method: 'DELETE' } }),
      expect: { anonymous: 401, USER: 200, SUPPORT: 200, ADMIN: 200 },
    },
  ],

  // API-key routes: a session, even an admin's, is not a key.
  'POST /api/integration-events': [
    {
      name: 'session only, no API key',
      request: async () => ({ path: '/api/integration-events', init: json({ events: [{ provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok' }] }) }),
      expect: ALL(401),
    },
    {
      name: 'with an API key',
      request: async (fx) => ({
        path: '/api/integration-events',
        init: json({ events: [{ provider: 'sendgrid', event: 'sendgrid_email_sent', outcome: 'ok' }] }, { authorization: `Bearer ${await fx.apiKey()}` }),
      }),
      expect: ALL(202),
    },
  ],
  'POST /api/releases': [
    { name: 'session only, no API key', request: async (fx) => ({ path: '/api/releases', init: json({ version: `m-${fx.unique()}` }) }), expect: ALL(401) },
    {
      name: 'with an API key',
      request: async (fx) => ({ path: '/api/releases', init: json({ version: `m-${fx.unique()}` }, { authorization: `Bearer ${await fx.apiKey()}` }) }),
      expect: ALL(201),
    },
  ],

  'GET /api/integration-events.csv': [
    {
      name: 'export as CSV',
      request: async () => ({ path: '/api/integration-events.csv?outcome=error' }),
      expect: { anonymous: 401, USER: 403, SUPPORT: 200, ADMIN: 200 },
    },
  ],

  'GET /api/calendar/google/connect': [
    {
      name: 'start connecting',
      request: async () => ({ path: '/api/calendar/google/connect' }),
      expect: { anonymous: 'SIGN_IN_REDIRECT', USER: 'REDIRECT_PAST_SIGN_IN', SUPPORT: 'REDIRECT_PAST_SIGN_IN', ADMIN: 'REDIRECT_PAST_SIGN_IN' },
    },
  ],
  'GET /api/calendar/google/callback': [
    {
      name: 'callback without a code',
      request: async () => ({ path: '/api/calendar/google/callback' }),
      expect: { anonymous: 'SIGN_IN_REDIRECT', USER: 'REDIRECT_PAST_SIGN_IN', SUPPORT: 'REDIRECT_PAST_SIGN_IN', ADMIN: 'REDIRECT_PAST_SIGN_IN' },
    },
  ],
  // Google calls it without a session; only the channel token (not a cookie) lets it cause work.
  'POST /api/calendar/google/webhook': [
    {
      name: 'notification for an unknown channel',
      request: async () => ({
        path: '/api/calendar/google/webhook',
        init: { method: 'POST', headers: { 'X-Goog-Channel-ID': randomUUID(), 'X-Goog-Resource-State': 'exists' } },
      }),
      expect: ALL(200),
    },
  ],
  'POST /api/calendar/sync': [
    {
      name: 'sync my own calendar',
      request: async () => ({ path: '/api/calendar/sync', init: json({}) }),
      expect: { anonymous: 401, USER: 'allowed', SUPPORT: 'allowed', ADMIN: 'allowed' },
      // Nobody here has connected Google: past authorization the service answers that.
      allowedStatuses: [200, 404, 409, 412],
    },
    {
      name: "sync someone else's calendar",
      request: async (fx) => ({ path: '/api/calendar/sync', init: json({ userId: await fx.strangerId() }) }),
      expect: { anonymous: 401, USER: 403, SUPPORT: 403, ADMIN: 'allowed' },
      allowedStatuses: [200, 404, 409, 412],
    },
  ],
};
