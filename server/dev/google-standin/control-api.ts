// The JSON control API under /_standin/api/, for specs that run in another process than
// the stand-in: the same controls as the object startGoogleStandin returns.
import { isPlainObject, sendEmpty, sendJson } from './http-utils.ts';
import type { RouteContext } from './route-context.ts';
import type { Fault, GoogleStandin } from './types.ts';

export class ControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function body(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body.kind === 'empty') return {};
  if (ctx.body.kind === 'form') return ctx.body.value;
  if (ctx.body.kind === 'json' && isPlainObject(ctx.body.value)) return ctx.body.value;
  throw new ControlError(400, 'Expected a JSON object body');
}

export function requireAccount(standin: GoogleStandin, email: unknown) {
  if (typeof email !== 'string' || !standin.account(email)) throw new ControlError(404, `No stand-in account ${String(email)}`);
  return standin.account(email)!;
}

function faultFrom(b: Record<string, unknown>): Fault {
  const status = Number(b.status);
  if (!Number.isInteger(status) || status < 400 || status > 599) throw new ControlError(400, 'status must be an HTTP error status (400-599)');
  const fault: Fault = { status };
  if (typeof b.method === 'string') fault.method = b.method;
  if (typeof b.pathPattern === 'string') fault.path = new RegExp(b.pathPattern);
  else if (typeof b.path === 'string') fault.path = b.path;
  if (b.times !== undefined) fault.times = Number(b.times);
  if (typeof b.reason === 'string') fault.reason = b.reason;
  if (b.retryAfterSec !== undefined) fault.retryAfterSec = Number(b.retryAfterSec);
  if (typeof b.message === 'string') fault.message = b.message;
  return fault;
}

export async function controlApi(ctx: RouteContext, standin: GoogleStandin, parts: string[]): Promise<void> {
  const { method, res } = ctx;
  const [resource, emailPart, sub, idPart] = parts;
  if (resource === 'accounts' && parts.length === 1) {
    if (method === 'GET') {
      return sendJson(res, 200, {
        accounts: standin.accounts().map((a) => ({ ...a, events: standin.events(a.email).length, channels: standin.channels(a.email).length })),
      });
    }
    if (method === 'POST') {
      const b = body(ctx);
      if (typeof b.email !== 'string' || !b.email.includes('@')) throw new ControlError(400, 'email is required');
      return sendJson(res, 200, standin.addAccount({ email: b.email, name: b.name as string | undefined, timeZone: b.timeZone as string | undefined }));
    }
  }
  if (resource === 'accounts' && emailPart && sub === 'events') {
    const email = requireAccount(standin, decodeURIComponent(emailPart)).email;
    if (parts.length === 3) {
      if (method === 'GET') return sendJson(res, 200, { items: standin.events(email, { includeCancelled: ctx.query.includeCancelled === 'true' }) });
      if (method === 'POST') return sendJson(res, 200, standin.upsertEvent(email, body(ctx)));
    }
    if (parts.length === 4 && idPart) {
      const id = decodeURIComponent(idPart);
      if (method === 'GET') {
        const event = standin.getEvent(email, id);
        if (!event) throw new ControlError(404, `No event ${id}`);
        return sendJson(res, 200, event);
      }
      if (method === 'PUT' || method === 'PATCH') return sendJson(res, 200, standin.upsertEvent(email, { ...body(ctx), id }));
      if (method === 'DELETE') {
        if (!standin.getEvent(email, id)) throw new ControlError(404, `No event ${id}`);
        standin.deleteEvent(email, id);
        return sendEmpty(res, 204);
      }
    }
  }
  if (parts.length === 1 && method === 'GET' && resource === 'channels') return sendJson(res, 200, { channels: standin.channels(ctx.query.email) });
  if (parts.length === 1 && resource === 'requests') {
    if (method === 'GET') return sendJson(res, 200, { requests: standin.requests });
    if (method === 'DELETE') {
      standin.requests.length = 0;
      return sendEmpty(res, 204);
    }
  }
  if (parts.length === 1 && resource === 'faults') {
    if (method === 'POST') {
      standin.inject(faultFrom(body(ctx)));
      return sendEmpty(res, 204);
    }
    if (method === 'DELETE') {
      standin.clearFaults();
      return sendEmpty(res, 204);
    }
  }
  if (parts.length === 1 && method === 'POST') {
    const b = body(ctx);
    const email = b.email === undefined ? undefined : requireAccount(standin, b.email).email;
    switch (resource) {
      case 'expire-sync-tokens':
        standin.expireSyncTokens(email);
        return sendEmpty(res, 204);
      case 'expire-access-tokens':
        standin.expireAccessTokens(email);
        return sendEmpty(res, 204);
      case 'revoke-refresh-tokens':
        standin.revokeRefreshTokens(requireAccount(standin, b.email).email);
        return sendEmpty(res, 204);
      case 'notify':
        await standin.notify(requireAccount(standin, b.email).email, { skipMessageNumber: b.skipMessageNumber === true || b.skipMessageNumber === 'true' });
        return sendEmpty(res, 204);
      case 'drop-notifications': {
        const count = Number(b.count);
        if (!Number.isInteger(count) || count < 1) throw new ControlError(400, 'count must be a positive integer');
        standin.dropNotifications(requireAccount(standin, b.email).email, count);
        return sendEmpty(res, 204);
      }
    }
  }
  throw new ControlError(404, `No control route ${method} ${ctx.path}`);
}
