// fast-check arbitraries for bad input (issue 10, "Proving it"), and the run options every
// property uses. A failing property prints its seed and path; re-run the same case with
//   FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/<file> -t '<test name>'
import fc from 'fast-check';
import type { z } from 'zod';

/** Modest run counts keep `npm test` fast; FC_RUNS raises them for a longer hunt. */
export function propertyOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  const path = process.env.FC_PATH || undefined;
  const runs = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : numRuns;
  return { numRuns: runs, ...(seed !== undefined ? { seed } : {}), ...(path ? { path, endOnFailure: true } : {}) };
}

/** Strings that have broken real systems: NUL (PostgreSQL text refuses it), lone surrogates, prototype keys, huge ones. */
export const trickyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '__proto__',
    'constructor',
    '%00',
    '%zz',
    "'; DROP TABLE \"User\"; --",
    '${7*7}',
    '../../etc/passwd',
    '\r\n\r\nX-Injected: 1',
    '😀👩‍👩‍👧',
    'x'.repeat(5000),
  ),
);

export const arbitraryJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
);

/** Dates JavaScript accepts and PostgreSQL's timestamptz does not (year 0 and before, after 294276), and the invalid Date. */
export const extremeDate: fc.Arbitrary<Date> = fc.oneof(
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(new Date(-8.64e15), new Date('0000-12-31T23:59:59.999Z'), new Date('-001000-06-01T00:00:00Z'), new Date(8.64e15), new Date(Number.NaN)),
  },
);

/** Anything a caller can hand the router directly: JSON, Dates (also invalid ones), tricky strings. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  arbitraryJson,
  trickyString,
  extremeDate,
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1),
);

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Values shaped like the schema: the right keys, and per leaf a value of the right type most of
 * the time (a uuid where a uuid goes) and anything otherwise, so runs get past the first check
 * and reach the services behind it.
 */
export function nearValid(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const typed = typedFor(schema, def, depth);
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: anyValue });
}

function typedFor(schema: z.ZodType, def: Def, depth: number): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      if (depth > 3) return fc.constant({});
      const fields = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, nearValid(s, depth + 1)]));
      return fc.record(fields, { requiredKeys: [] });
    }
    case 'pipe':
      return nearValid(def.in as z.ZodType, depth);
    case 'intersection':
      return fc
        .tuple(nearValid(def.left as z.ZodType, depth), nearValid(def.right as z.ZodType, depth))
        .map(([a, b]) => (a && b && typeof a === 'object' && typeof b === 'object' ? { ...a, ...b } : a));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof(nearValid(def.innerType as z.ZodType, depth), fc.constant(undefined));
    case 'nullable':
      return fc.oneof(nearValid(def.innerType as z.ZodType, depth), fc.constant(null));
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return nearValid(def.innerType as z.ZodType, depth);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => nearValid(o, depth)));
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(nearValid(def.element as z.ZodType, depth + 1), { maxLength: 4 });
    case 'record':
      return fc.dictionary(trickyString, anyValue, { maxKeys: 4 });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 50 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 5000 }) }, { weight: 1, arbitrary: fc.double() });
    case 'date':
      return extremeDate;
    case 'string': {
      const format = (def as { format?: string }).format;
      if (format === 'uuid' || format === 'guid') return fc.uuid();
      if (format === 'email') return fc.emailAddress();
      if (format === 'url') return fc.webUrl();
      return fc.oneof(trickyString, fc.stringMatching(/^[a-z][a-z0-9_]{1,20}$/));
    }
    default:
      return anyValue;
  }
}

/** A valid input with one leaf replaced by something hostile: reaches the deepest code paths. */
export function mutated(sample: unknown): fc.Arbitrary<unknown> {
  const leaves = leafPaths(sample);
  if (!leaves.length) return anyValue;
  return fc.tuple(fc.nat({ max: leaves.length - 1 }), anyValue).map(([i, value]) => setAt(structuredClone(sample), leaves[i]!, value));
}

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value instanceof Date || value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const nested = entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return prefix.length ? [prefix, ...nested] : nested;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return root;
}
