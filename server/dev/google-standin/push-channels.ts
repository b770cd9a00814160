// Watch channels and their webhook pushes, with Google's headers. Delivery never holds up
// the API answer that caused it; `settled()` lets tests wait until nothing is in flight.
import { CalendarApiError } from './google-errors.ts';
import { isPlainObject } from './http-utils.ts';
import type { StandinAccount, StandinChannel } from './types.ts';

const DEFAULT_TTL_SEC = 7 * 24 * 3600;
const MAX_TTL_SEC = 30 * 24 * 3600;
const DELIVERY_TIMEOUT_MS = 10_000;

export type PushChannels = ReturnType<typeof createPushChannels>;

export function createPushChannels(opts: { baseUrl: () => string; log: (line: string) => void }) {
  const channels = new Map<string, StandinChannel>();
  const dropBudget = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();

  const key = (email: string) => email.toLowerCase();

  function live(email?: string): StandinChannel[] {
    const now = Date.now();
    for (const [id, c] of channels) if (c.expiration <= now) channels.delete(id);
    return [...channels.values()].filter((c) => !email || key(c.email) === key(email));
  }

  function deliver(channel: StandinChannel, state: 'sync' | 'exists' | 'not_exists'): Promise<void> {
    channel.messageNumber += 1;
    const budget = dropBudget.get(key(channel.email)) ?? 0;
    if (state !== 'sync' && budget > 0) {
      dropBudget.set(key(channel.email), budget - 1);
      opts.log(`push dropped ${channel.id} #${channel.messageNumber} ${state}`);
      return Promise.resolve();
    }
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': channel.id,
      'X-Goog-Channel-Expiration': new Date(channel.expiration).toUTCString(),
      'X-Goog-Resource-ID': channel.resourceId,
      'X-Goog-Resource-URI': channel.resourceUri,
      'X-Goog-Resource-State': state,
      'X-Goog-Message-Number': String(channel.messageNumber),
      // Google's documented notification: a JSON content type over an empty body.
      'Content-Type': 'application/json; utf-8',
      'User-Agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    };
    if (channel.token !== undefined) headers['X-Goog-Channel-Token'] = channel.token;
    const number = channel.messageNumber;
    const delivery = fetch(channel.address, { method: 'POST', headers, body: '', signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) })
      .then(async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        opts.log(`push ${channel.id} #${number} ${state} -> ${res.status}`);
      })
      // Google does not tell the channel owner about failed deliveries either; the log is for people.
      .catch((error: unknown) => opts.log(`push ${channel.id} #${number} ${state} failed: ${(error as Error).message}`))
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
    return delivery;
  }

  function watch(account: StandinAccount, body: unknown): StandinChannel {
    if (!isPlainObject(body)) throw new CalendarApiError(400, 'required', 'Required');
    const { id, type, address, token, params, expiration } = body;
    if (typeof id !== 'string' || id.length === 0) throw new CalendarApiError(400, 'required', 'Required', { location: 'id', locationType: 'parameter' });
    if (!/^[A-Za-z0-9\-_+/=]{1,64}$/.test(id)) throw new CalendarApiError(400, 'invalid', `Invalid channel id: ${id}`);
    if (type !== 'web_hook' && type !== 'webhook') throw new CalendarApiError(400, 'invalid', `Invalid value for type: ${String(type)}`, { location: 'type', locationType: 'parameter' });
    if (typeof address !== 'string' || !/^https?:\/\//.test(address)) throw new CalendarApiError(400, 'pushWebhookBadDomain', 'WebHook callback must be HTTPS: ' + String(address));
    if (channels.has(id)) throw new CalendarApiError(400, 'channelIdNotUnique', `Channel id ${id} not unique`);
    if (token !== undefined && (typeof token !== 'string' || token.length > 256)) throw new CalendarApiError(400, 'invalid', 'Invalid channel token.');
    const ttlParam = isPlainObject(params) && params.ttl !== undefined ? Number(params.ttl) : undefined;
    let ttlSec = Number.isFinite(ttlParam) && ttlParam! > 0 ? ttlParam! : DEFAULT_TTL_SEC;
    if (expiration !== undefined && Number.isFinite(Number(expiration))) ttlSec = Math.min(ttlSec, (Number(expiration) - Date.now()) / 1000);
    ttlSec = Math.min(ttlSec, MAX_TTL_SEC);
    const encoded = encodeURIComponent(account.email);
    const channel: StandinChannel = {
      id,
      resourceId: account.resourceId,
      resourceUri: `${opts.baseUrl()}calendar/v3/calendars/${encoded}/events?alt=json`,
      address,
      token: token as string | undefined,
      expiration: Math.floor(Date.now() + ttlSec * 1000),
      email: account.email,
      messageNumber: 0,
    };
    channels.set(id, channel);
    return channel;
  }

  function stop(body: unknown) {
    const id = isPlainObject(body) ? body.id : undefined;
    const resourceId = isPlainObject(body) ? body.resourceId : undefined;
    const channel = typeof id === 'string' ? channels.get(id) : undefined;
    if (!channel || (resourceId !== undefined && resourceId !== channel.resourceId)) {
      throw new CalendarApiError(404, 'notFound', `Channel '${String(id)}' not found for project 'opsdeck-standin'`);
    }
    channels.delete(channel.id);
  }

  return {
    watch,
    stop,
    live,
    /** After the watch answer has been written; the receiver may still see it before the caller reads that answer. */
    sendSyncLater(channel: StandinChannel) {
      const later: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliver(channel, 'sync'))
        .finally(() => inFlight.delete(later));
      inFlight.add(later);
    },
    async notify(email: string, o: { skipMessageNumber?: boolean } = {}) {
      const targets = live(email);
      if (o.skipMessageNumber) for (const c of targets) c.messageNumber += 1;
      await Promise.all(targets.map((c) => deliver(c, 'exists')));
    },
    /** For changes: the push leaves after the change's own answer has been written, as with Google. */
    notifyLater(email: string) {
      const later: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => Promise.all(live(email).map((c) => deliver(c, 'exists'))))
        .then(() => undefined)
        .finally(() => inFlight.delete(later));
      inFlight.add(later);
    },
    drop(email: string, count: number) {
      dropBudget.set(key(email), (dropBudget.get(key(email)) ?? 0) + count);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
