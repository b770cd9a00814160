// The Calendar API v3 subset: calendars.get, events list/get/insert/update/patch/delete/watch
// and channels.stop, behind Bearer access tokens.
import type { CalendarStore } from './calendar-store.ts';
import { CalendarApiError } from './google-errors.ts';
import { isPlainObject, sendEmpty, sendJson } from './http-utils.ts';
import type { AccessGrant, OAuthTokens } from './oauth-tokens.ts';
import type { PushChannels } from './push-channels.ts';
import type { RouteContext } from './route-context.ts';

const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
const INVALID_CREDENTIALS =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

type Deps = { store: CalendarStore; tokens: OAuthTokens; push: PushChannels };

function authorize(ctx: RouteContext, tokens: OAuthTokens, write: boolean): AccessGrant {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '');
  const grant = match ? tokens.checkAccessToken(match[1]!) : undefined;
  if (!grant) {
    throw new CalendarApiError(401, 'authError', INVALID_CREDENTIALS, { location: 'Authorization', locationType: 'header' }, {
      'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    });
  }
  const scopes = grant.scope.split(/\s+/);
  const allowed = scopes.some((s) => s.startsWith(CALENDAR_SCOPE) && (!write || !s.endsWith('.readonly')));
  if (!allowed) throw new CalendarApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
  return grant;
}

/** 'primary' is the token's own calendar; another user's calendar is "not found", as Google says for no access. */
function calendarOf(grant: AccessGrant, calendarId: string): string {
  if (calendarId === 'primary' || calendarId.toLowerCase() === grant.email.toLowerCase()) return grant.email;
  throw new CalendarApiError(404, 'notFound', 'Not Found');
}

function jsonObject(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body.kind === 'invalid-json') throw new CalendarApiError(400, 'parseError', 'Parse Error');
  if (ctx.body.kind === 'empty') return {};
  if (ctx.body.kind !== 'json' || !isPlainObject(ctx.body.value)) throw new CalendarApiError(400, 'parseError', 'Parse Error');
  return ctx.body.value;
}

const header = (ctx: RouteContext, name: string) => {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new CalendarApiError(400, 'invalid', 'Invalid Value');
  }
}

export function routeCalendar(ctx: RouteContext, deps: Deps): boolean {
  if (!ctx.path.startsWith('/calendar/v3/')) return false;
  const rest = ctx.path.slice('/calendar/v3/'.length).split('/');
  const { method } = ctx;
  const write = method !== 'GET';

  if (rest.length === 2 && rest[0] === 'channels' && rest[1] === 'stop' && method === 'POST') {
    authorize(ctx, deps.tokens, false);
    deps.push.stop(jsonObject(ctx));
    sendEmpty(ctx.res, 204);
    return true;
  }
  if (rest[0] !== 'calendars' || rest.length < 2) throw new CalendarApiError(404, 'notFound', 'Not Found');
  const grant = authorize(ctx, deps.tokens, write);
  const email = calendarOf(grant, decodeSegment(rest[1]!));

  if (rest.length === 2) {
    if (method !== 'GET') throw new CalendarApiError(405, 'httpMethodNotAllowed', 'Method Not Allowed');
    sendJson(ctx.res, 200, deps.store.calendarResource(email));
    return true;
  }
  if (rest[2] !== 'events' || rest.length > 4) throw new CalendarApiError(404, 'notFound', 'Not Found');

  if (rest.length === 3) {
    if (method === 'GET') sendJson(ctx.res, 200, deps.store.listEvents(email, ctx.query));
    else if (method === 'POST') sendJson(ctx.res, 200, deps.store.insertEvent(email, jsonObject(ctx)));
    else throw new CalendarApiError(405, 'httpMethodNotAllowed', 'Method Not Allowed');
    return true;
  }

  const eventId = decodeSegment(rest[3]!);
  if (eventId === 'watch' && method === 'POST') {
    const channel = deps.push.watch(deps.store.account(email)!, jsonObject(ctx));
    sendJson(ctx.res, 200, {
      kind: 'api#channel',
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    });
    // Google confirms a new channel with a `sync` message right after answering.
    deps.push.sendSyncLater(channel);
    return true;
  }
  if (method === 'GET') {
    const event = deps.store.getEvent(email, eventId);
    if (!event) throw new CalendarApiError(404, 'notFound', 'Not Found');
    const ifNoneMatch = header(ctx, 'if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').map((t) => t.trim()).includes(event.etag)) {
      sendEmpty(ctx.res, 304, { etag: event.etag });
      return true;
    }
    sendJson(ctx.res, 200, event, { etag: event.etag });
  } else if (method === 'PUT' || method === 'PATCH') {
    const event = deps.store.changeEvent(email, eventId, jsonObject(ctx), method === 'PUT' ? 'replace' : 'patch', header(ctx, 'if-match'));
    sendJson(ctx.res, 200, event, { etag: event.etag });
  } else if (method === 'DELETE') {
    deps.store.deleteEvent(email, eventId, header(ctx, 'if-match'));
    sendEmpty(ctx.res, 204);
  } else {
    throw new CalendarApiError(405, 'httpMethodNotAllowed', 'Method Not Allowed');
  }
  return true;
}
