import { z } from 'zod';

// A time a caller sends as a filter or a value. A JavaScript Date spans about ±273,790 years;
// PostgreSQL refuses most of that (Prisma writes years before 1 as "0000-…", which it rejects,
// and timestamptz stops at 4713 BC), so such an input used to end as INTERNAL_SERVER_ERROR
// (found by tests/bad-input-properties.test.ts). Four-digit years are every time the product means.
export const INPUT_DATE_MIN = new Date('0001-01-01T00:00:00.000Z');
export const INPUT_DATE_MAX = new Date('9999-12-31T23:59:59.999Z');

export const ZInputDate = z
  .date()
  .min(INPUT_DATE_MIN, { error: 'Use a date from year 1 to 9999' })
  .max(INPUT_DATE_MAX, { error: 'Use a date from year 1 to 9999' });
