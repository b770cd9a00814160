// Shared answers for read-only procedures whose answer is the same for every caller allowed to
// ask (the health overview: support and admins all see the same cards). During an incident
// everyone opens the dashboard at once, each tab refreshing on its own timer; without sharing,
// each request recomputes the same rollup sums and superjson walks the same 60 KB answer again.
// With it, the first caller computes, callers arriving while it runs wait for the same result
// (single flight), and for HEALTH_QUERY_SHARE_MS after it everyone gets that result, serialized
// once. A failed answer is never shared: the next caller tries again.
//
// The middleware goes after the role checks (a caller who may not ask never reaches a shared
// answer) and before .input()/.output(), so what it keeps is the validated output and what it
// hands out is that same object, whose superjson form serializeOutput() keeps beside it.
import { LRUCache } from 'lru-cache';
import superjson from 'superjson';
import type { SuperJSONResult } from 'superjson';
import { getConfig } from '../config.ts';
import { sharedAnswers } from '../metrics/metrics.ts';

/**
 * Distinct questions remembered at once. The overview asks a few (windows in use); custom
 * windows each ask their own, and an answer can be ~100 KB with its serialized form: a bound
 * on memory, with expired answers dropped on time (ttlAutopurge) rather than when pushed out.
 */
const MAX_ANSWERS = 200;

/** Shared outputs, with their superjson form once one response has needed it. */
const serialized = new WeakMap<object, SuperJSONResult | null>();

/** The tRPC output transformer: superjson, computed once per shared answer. */
export function serializeOutput(value: unknown): SuperJSONResult {
  if (value === null || typeof value !== 'object' || !serialized.has(value)) return superjson.serialize(value);
  let out = serialized.get(value);
  if (!out) serialized.set(value, (out = superjson.serialize(value)));
  return out;
}

type NextResult = { ok: boolean; data?: unknown };

/**
 * The sharing step, written against the shape of a tRPC middleware's arguments so init.ts can
 * wrap it in t.middleware (this module stays free of the tRPC instance). Keyed by procedure
 * path and raw input: the same window and filters, the same answer.
 */
export function createAnswerSharing(shareMs = () => getConfig().healthQueryShareMs) {
  let answers: LRUCache<string, Promise<NextResult>> | null = null;
  let answersTtl = -1;
  const cacheFor = (ttl: number) => {
    if (!answers || answersTtl !== ttl) {
      answers = new LRUCache({ max: MAX_ANSWERS, ttl, ttlAutopurge: true });
      answersTtl = ttl;
    }
    return answers;
  };

  return async function shareAnswer<R extends NextResult>(opts: { path: string; getRawInput: () => Promise<unknown>; next: () => Promise<R> }): Promise<R> {
    const ttl = shareMs();
    if (ttl <= 0) return opts.next();
    const cache = cacheFor(ttl);
    const key = `${opts.path}\u0000${JSON.stringify((await opts.getRawInput()) ?? null)}`;
    const pending = cache.get(key);
    if (pending) {
      sharedAnswers.inc({ procedure: opts.path, outcome: 'shared' });
      return pending as Promise<R>;
    }
    sharedAnswers.inc({ procedure: opts.path, outcome: 'computed' });
    const forget = () => {
      if (cache.peek(key) === answer) cache.delete(key);
    };
    const answer: Promise<R> = opts.next().then((result) => {
      if (!result.ok) forget();
      else if (result.data !== null && typeof result.data === 'object') serialized.set(result.data, null);
      return result;
    });
    // Kept from the moment it starts, so callers arriving meanwhile wait for it instead of
    // starting their own; the TTL therefore counts from the start of the computation.
    cache.set(key, answer);
    answer.catch(forget);
    return answer;
  };
}
