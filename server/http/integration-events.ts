// POST /api/integration-events: external services (the mobile app's edge functions, workers)
// report their provider calls. The key is checked before the body is read; the answer (202)
// is sent only after the batch is committed, so an acknowledged event is never lost.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { findApiKey, touchApiKey, type IngestKey } from '../api-keys/find-api-key.ts';
import { ingestIntegrationEvents } from '../integrations/ingest-integration-events.ts';
import { RATE_LIMIT_TABLE } from '../auth/sign-in-limiter.ts';
import { INGEST_MAX_BYTES, INGEST_MAX_EVENTS } from '../../shared/integrations.ts';
import { integrationEventsIngested } from '../metrics/metrics.ts';

export const INGEST_PATH = '/api/integration-events';
const log = taggedLogger('integrations');

let limiter: { pool: pg.Pool; byRate: Map<number, RateLimiterPostgres> } | undefined;

/** One limiter per configured rate; counts are per key, shared by every process. */
function limiterFor(ratePerMinute: number): RateLimiterPostgres {
  const pool = getPool();
  if (limiter?.pool !== pool) limiter = { pool, byRate: new Map() };
  let l = limiter.byRate.get(ratePerMinute);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      keyPrefix: 'ingest',
      points: ratePerMinute,
      duration: 60,
      clearExpiredByTimeout: false,
    });
    limiter.byRate.set(ratePerMinute, l);
  }
  return l;
}

type Verdict = { allowed: boolean; msBeforeNext: number };
type Waiting = { points: number; resolve: (v: Verdict) => void; reject: (e: unknown) => void };
const consuming = new Map<string, Waiting[]>();

/**
 * The key's counter is one row that every batch updates and commits: concurrent batches of a
 * key would queue on its row lock, one commit (fsync) each. Instead, batches that arrive while
 * the key's update is in flight are counted together in the next one, and each gets the verdict
 * it would have had in sequence: allowed while the running total stays within the limit (points
 * of refused batches are counted too, as rate-limiter-flexible does for a single consume).
 */
function consumeEvents(ratePerMinute: number, keyId: string, points: number): Promise<Verdict> {
  const slot = `${ratePerMinute}:${keyId}`;
  return new Promise((resolve, reject) => {
    const queued = consuming.get(slot);
    if (queued) return void queued.push({ points, resolve, reject });
    const waiting: Waiting[] = [{ points, resolve, reject }];
    consuming.set(slot, waiting);
    void (async () => {
      while (waiting.length) {
        const group = waiting.splice(0);
        const total = group.reduce((sum, w) => sum + w.points, 0);
        let result: RateLimiterRes;
        try {
          result = await limiterFor(ratePerMinute).consume(keyId, total);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) {
            for (const w of group) w.reject(rejection);
            continue;
          }
          result = rejection;
        }
        let consumed = result.consumedPoints - total;
        for (const w of group) {
          consumed += w.points;
          w.resolve({ allowed: consumed <= ratePerMinute, msBeforeNext: result.msBeforeNext });
        }
      }
      consuming.delete(slot);
    })();
  });
}

const problem = (res: express.Response, status: number, error: string, message: string) => res.status(status).json({ error, message });

const authenticate: RequestHandler = async (req, res, next) => {
  try {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = await findApiKey(match?.[1]);
    if (!key) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="integration-events"');
      return problem(res, 401, 'unauthorized', 'Send a valid API key as "Authorization: Bearer <key>"');
    }
    res.locals.ingestKey = key;
    next();
  } catch (error) {
    next(error);
  }
};

// JSON text can carry U+0000 or a lone surrogate only as an escape (\u0000, \ud800: JSON.parse
// refuses a raw control character, and the UTF-8 decoder turns a raw surrogate into U+FFFD), so a
// UTF-8 body with neither escape needs no walk of every parsed string: the walk was ~2 µs per event
// and most of its garbage. A body with an escaped pair (an emoji from an ASCII-only encoder) is
// walked, as is one in another charset (server/input/find-unstorable-text.ts).
const UNSTORABLE_ESCAPES = ['\\u0000', '\\ud', '\\uD'].map((escape) => Buffer.from(escape));
const noteStorableText = (req: express.Request, res: express.Response, raw: Buffer) => {
  const charset = /;\s*charset=([^;\s]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  res.locals.storable = (charset === undefined || charset === 'utf-8' || charset === 'utf8') && !UNSTORABLE_ESCAPES.some((escape) => raw.includes(escape));
};

const ingest: RequestHandler = async (req, res, next) => {
  const key = res.locals.ingestKey as IngestKey;
  const body: unknown = req.body;
  const events = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) return problem(res, 400, 'bad_request', 'Send a JSON body { "events": [ ... ] } with 1 to 1000 events');
  if (events.length === 0) return problem(res, 400, 'bad_request', 'The batch is empty: send 1 to 1000 events');
  if (events.length > INGEST_MAX_EVENTS) {
    return problem(res, 413, 'payload_too_large', `At most ${INGEST_MAX_EVENTS} events per request (got ${events.length}); split the batch`);
  }
  try {
    const verdict = await consumeEvents(key.ratePerMinute, key.id, events.length);
    if (!verdict.allowed) {
      const retryAfter = Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      return problem(res, 429, 'rate_limited', `This key may post ${key.ratePerMinute} events per minute; retry in ${retryAfter} s`);
    }
  } catch (error) {
    return next(error);
  }
  try {
    const result = await ingestIntegrationEvents(events, key, { storable: res.locals.storable === true });
    integrationEventsIngested.inc({ outcome: 'accepted' }, result.accepted);
    integrationEventsIngested.inc({ outcome: 'duplicate' }, result.duplicate);
    integrationEventsIngested.inc({ outcome: 'rejected' }, result.rejected);
    void touchApiKey(key.id).catch((err) => log.warn({ err }, 'could not record API key use'));
    res.status(202).json(result);
  } catch (error) {
    // Not committed, so not acknowledged: the sender keeps the batch and retries.
    log.error({ err: error, keyId: key.id, events: events.length }, 'integration events not stored');
    res.setHeader('Retry-After', '5');
    problem(res, 503, 'unavailable', 'The events were not stored; retry the same batch (idempotency keys make that safe)');
  }
};

const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err?.type === 'entity.too.large') return problem(res, 413, 'payload_too_large', `The body is over ${INGEST_MAX_BYTES} bytes; split the batch`);
  if (err?.type === 'entity.parse.failed') return problem(res, 400, 'bad_request', 'The body is not valid JSON');
  if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') return problem(res, 415, 'unsupported', 'Send UTF-8 JSON');
  next(err);
};

export function integrationEventRoutes() {
  const router = express.Router();
  router.post(INGEST_PATH, authenticate, express.json({ limit: INGEST_MAX_BYTES, type: () => true, verify: noteStorableText }), ingest, bodyErrors);
  return router;
}
