// PostgreSQL cannot store U+0000 in text or jsonb ("invalid byte sequence for encoding UTF8:
// 0x00"), and refuses it even as a query parameter, so any input string carrying one ended as an
// INTERNAL_SERVER_ERROR (or a 503 on ingestion that a retrying sender could never get past).
// Found by the bad-input properties (tests/bad-input-properties.test.ts, bad-input-http.test.ts).
// Inputs are checked once at the edge, keys included, and refused as a field error.
import { z } from 'zod';

export const NUL_MESSAGE = 'Text cannot contain the NUL character (\\u0000)';
const MAX_DEPTH = 64;

/** The path of the first string (value or object key) holding U+0000, or null. */
export function findNulCharacter(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || value instanceof Date || path.length > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulCharacter(v, [...path, key]);
    if (found) return found;
  }
  return null;
}

/** The same refusal as a ZodError, so forms and API clients get it like any other field error. */
export function nulCharacterError(path: (string | number)[]): z.ZodError {
  // Made by a parse on purpose: a bare `new z.ZodError()` is not an Error, and tRPC would then
  // wrap it as an unknown cause, losing the field errors the error formatter sends.
  return z
    .unknown()
    .superRefine((_value, ctx) => ctx.addIssue({ code: 'custom', path, message: NUL_MESSAGE }))
    .safeParse(null).error!;
}
