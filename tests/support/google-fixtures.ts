// Google sync tests: the real @googleapis/calendar and google-auth-library clients against the
// local stand-in (server/dev/google-standin), and the product pointed at it. Connecting walks
// the real OAuth flow: consent page, redirect with code and state, PKCE code exchange.
import { createSession, findSessionUser } from '../../server/auth/sessions.ts';
import { getDb, getPool } from '../../server/db.ts';
import { DEMO_CLIENT, startGoogleStandin, type GoogleStandin } from '../../server/dev/google-standin/index.ts';
import { completeGoogleConnect, startGoogleConnect } from '../../server/google/connect-google.ts';
import { useGoogleEndpoints } from '../../server/google/google-endpoints.ts';
import { createTestUser } from './factories.ts';

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;
export const APP_ORIGIN = 'http://app.opsdeck.test';

export async function startTestGoogle(opts: { pageSize?: number; accessTokenTtlSec?: number } = {}): Promise<GoogleStandin> {
  const standin = await startGoogleStandin({ clients: [{ ...DEMO_CLIENT }], ...opts });
  useGoogleEndpoints({
    ...DEMO_CLIENT,
    apiBaseUrl: standin.url,
    authUrl: standin.authUrl,
    tokenUrl: standin.tokenUrl,
    revokeUrl: standin.revokeUrl,
    standin: true,
  });
  return standin;
}

export async function sessionFor(user: TestUser): Promise<string> {
  const { token } = await createSession({ userId: user.id });
  return (await findSessionUser(token))!.sessionId;
}

/** Follows the consent page as a person would and returns the callback's query. */
export async function consent(authUrl: string, email: string, decision: 'allow' | 'deny' = 'allow'): Promise<URLSearchParams> {
  const url = new URL(authUrl);
  const page = await fetch(url);
  if (!page.ok) throw new Error(`consent page answered ${page.status}: ${await page.text()}`);
  const form = new URLSearchParams(url.searchParams);
  form.set('email', email);
  form.set('decision', decision);
  const res = await fetch(`${url.origin}${url.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`consent answered ${res.status} without a redirect: ${await res.text()}`);
  return new URL(location).searchParams;
}

/** A user with Google connected through the whole OAuth flow; returns their Account id. */
export async function connectGoogle(user: TestUser, email = user.email): Promise<string> {
  const sessionId = await sessionFor(user);
  const authUrl = await startGoogleConnect({ userId: user.id, sessionId, origin: APP_ORIGIN });
  const answer = await consent(authUrl, email);
  const result = await completeGoogleConnect({ sessionId, userId: user.id, state: answer.get('state')!, code: answer.get('code')!, origin: APP_ORIGIN });
  return result.accountId;
}

export function linkOf(eventId: string) {
  return getDb().googleEventLink.findUnique({ where: { eventId } });
}

export async function accountOf(accountId: string) {
  return getDb().account.findUniqueOrThrow({ where: { id: accountId } });
}

/** Jobs queued by the product (Agenda's table), by name. */
export async function queuedJobs(name: string): Promise<{ data: Record<string, unknown> }[]> {
  const { rows } = await getPool().query(`SELECT data FROM agenda_jobs WHERE name = $1`, [name]);
  return rows as { data: Record<string, unknown> }[];
}

export async function clearQueuedJobs(): Promise<void> {
  await getPool().query(`DELETE FROM agenda_jobs WHERE name LIKE 'google.%'`).catch(() => undefined);
}

/** Calendar API calls the stand-in answered, e.g. 'POST /calendar/v3/calendars/x/events'. */
export function apiCalls(standin: GoogleStandin, method?: string): string[] {
  return standin.requests
    .filter((r) => r.path.startsWith('/calendar/v3/') && (!method || r.method === method))
    .map((r) => `${r.method} ${r.path}`);
}
