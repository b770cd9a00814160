// Text PostgreSQL cannot keep as it was sent, refused at the edge as a field error:
// - U+0000: text and jsonb refuse it ("invalid byte sequence for encoding UTF8: 0x00"), even as a
//   query parameter, so any input string carrying one ended as an INTERNAL_SERVER_ERROR (or a 503
//   on ingestion that a retrying sender could never get past).
// - A lone surrogate (half of a UTF-16 pair, e.g. the JSON escape "\ud800" alone): jsonb refuses
//   it ("invalid input syntax for type json"), so an event title saved into the audit log's
//   before/after was a 500, and a text column silently turned it into U+FFFD.
// Both found by the bad-input properties (tests/bad-input-properties.test.ts, bad-input-http.test.ts).
// Inputs are checked once at the edge, keys included. Our own events, whose text comes from
// provider errors we do not control, are made storable instead (toStorableText), never refused.
import { z } from 'zod';

export const NUL_MESSAGE = 'Text cannot contain the NUL character (\\u0000)';
export const LONE_SURROGATE_MESSAGE = 'Text must be valid Unicode: it holds half of a surrogate pair (\\uD800-\\uDFFF alone)';
const MAX_DEPTH = 64;

// With the u flag a well-formed pair is one astral code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

export type UnstorableText = { path: (string | number)[]; message: string };

const problemIn = (text: string) => (text.includes('\u0000') ? NUL_MESSAGE : LONE_SURROGATE.test(text) ? LONE_SURROGATE_MESSAGE : null);

/** The first string (value or object key) PostgreSQL cannot store as sent, with its path, or null. */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): UnstorableText | null {
  if (typeof value === 'string') {
    const message = problemIn(value);
    return message ? { path, message } : null;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || path.length > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const message = problemIn(key);
    if (message) return { path: [...path, key], message };
    const found = findUnstorableText(v, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** The field errors an HTTP route answers with: `{ "<path>": [message] }`. */
export const unstorableFieldErrors = (found: UnstorableText, fallback: string): Record<string, string[]> => ({ [found.path.join('.') || fallback]: [found.message] });

/** The same refusal as a ZodError, so forms and API clients get it like any other field error. */
export function unstorableTextError(found: UnstorableText): z.ZodError {
  // Made by a parse on purpose: a bare `new z.ZodError()` is not an Error, and tRPC would then
  // wrap it as an unknown cause, losing the field errors the error formatter sends.
  return z
    .unknown()
    .superRefine((_value, ctx) => ctx.addIssue({ code: 'custom', path: found.path, message: found.message }))
    .safeParse(null).error!;
}

const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');

function replaced<T>(value: T, depth: number): T {
  if (typeof value === 'string') return storable(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => replaced(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), replaced(v, depth + 1)])) as T;
}

/** `value` itself when all of it is storable, else a copy with U+FFFD for each refused unit. */
export const toStorableText = <T>(value: T): T => (findUnstorableText(value) ? replaced(value, 0) : value);
