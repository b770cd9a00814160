import { describe, expect, it } from 'vitest';
import { describeError, readTrpcError, retryAfterMinutes, shouldRetry, translatableServerMessage } from './trpc-errors.ts';

/** The shape a TRPCClientError has after superjson and the server's errorFormatter. */
function trpcError(code: string, message: string, data: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { data: { code, httpStatus: 400, zodError: null, retryAfterSeconds: null, ...data } });
}

describe('readTrpcError', () => {
  it('reads code, zod field errors and retry-after', () => {
    const info = readTrpcError(
      trpcError('BAD_REQUEST', '[...]', {
        zodError: { formErrors: [], fieldErrors: { email: ['Enter a valid e-mail address, e.g. ada@example.com'], name: [] } },
        retryAfterSeconds: 90,
      }),
    );
    expect(info.code).toBe('BAD_REQUEST');
    expect(info.fieldErrors).toEqual({ email: ['Enter a valid e-mail address, e.g. ada@example.com'] });
    expect(info.retryAfterSeconds).toBe(90);
  });

  it('treats an error without a tRPC envelope as a network failure', () => {
    expect(readTrpcError(new TypeError('Failed to fetch')).code).toBeNull();
    expect(describeError(new TypeError('Failed to fetch'))).toEqual({ key: 'errors.network' });
  });
});

describe('describeError', () => {
  it('rounds the rate-limit wait up to whole minutes', () => {
    expect(retryAfterMinutes(1)).toBe(1);
    expect(retryAfterMinutes(60)).toBe(1);
    expect(retryAfterMinutes(61)).toBe(2);
    expect(describeError(trpcError('TOO_MANY_REQUESTS', 'Too many failed sign-in attempts. Try again later.', { retryAfterSeconds: 299 }))).toEqual({
      key: 'errors.rateLimited',
      values: { count: 5 },
    });
    expect(describeError(trpcError('TOO_MANY_REQUESTS', 'x'))).toEqual({ key: 'errors.rateLimitedLater' });
  });

  it('translates known server messages, interpolating what varies', () => {
    expect(describeError(trpcError('CONFLICT', 'A user with the e-mail ada@example.com already exists'))).toEqual({
      key: 'serverMessages.emailTaken',
      values: { email: 'ada@example.com' },
    });
    expect(describeError(trpcError('BAD_REQUEST', 'You cannot change your own role or disable your own account'))).toEqual({
      key: 'serverMessages.cannotChangeSelf',
      values: {},
    });
  });

  it('translates the calendar event schema and service messages', () => {
    expect(translatableServerMessage('The end must be after the start')).toEqual({ key: 'calendar.validation.endAfterStart', values: {} });
    expect(translatableServerMessage('The end must be after the start (the start falls in a daylight-saving gap)')).toEqual({
      key: 'calendar.validation.endAfterStartGap',
      values: {},
    });
    expect(translatableServerMessage('Unknown time zone "Mars/Base", use an IANA name such as Europe/Istanbul')).toEqual({
      key: 'calendar.validation.unknownTimezone',
      values: { zone: 'Mars/Base' },
    });
    expect(translatableServerMessage('ada@example.com is listed twice')).toEqual({ key: 'calendar.validation.attendeeTwice', values: { email: 'ada@example.com' } });
    expect(translatableServerMessage('The reminder can be at most 40320 minutes (4 weeks)')).toEqual({ key: 'calendar.validation.reminderMax', values: { max: '40320' } });
    expect(translatableServerMessage('Use at most 200 characters')).toEqual({ key: 'calendar.validation.maxChars', values: { max: '200' } });
    // The password rule keeps its own wording.
    expect(translatableServerMessage('Use at most 256 characters').key).toBe('validation.passwordMax');
    expect(describeError(trpcError('CONFLICT', 'This event was changed meanwhile; reload it and try again'))).toEqual({ key: 'calendar.errors.stale', values: {} });
    expect(describeError(trpcError('NOT_FOUND', 'No such event'))).toEqual({ key: 'calendar.errors.notFound', values: {} });
  });

  it('passes unknown messages through verbatim instead of hiding them', () => {
    expect(translatableServerMessage('Provider catalogue is locked')).toEqual({
      key: 'errors.verbatim',
      values: { message: 'Provider catalogue is locked' },
    });
  });

  it('never shows a zod issue dump: field errors become "check the fields"', () => {
    const error = trpcError('BAD_REQUEST', '[{"code":"too_small"}]', {
      zodError: { formErrors: [], fieldErrors: { password: ['Use at least 12 characters'] } },
    });
    expect(describeError(error)).toEqual({ key: 'errors.checkFields' });
  });

  it('hides internal error details', () => {
    expect(describeError(trpcError('INTERNAL_SERVER_ERROR', 'relation "users" does not exist'))).toEqual({ key: 'errors.internal' });
  });
});

describe('shouldRetry', () => {
  it('does not retry errors the same request will hit again', () => {
    for (const code of ['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'TOO_MANY_REQUESTS']) {
      expect(shouldRetry(0, trpcError(code, 'x'))).toBe(false);
    }
  });

  it('retries network and server errors a couple of times', () => {
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, trpcError('INTERNAL_SERVER_ERROR', 'x'))).toBe(true);
    expect(shouldRetry(2, trpcError('INTERNAL_SERVER_ERROR', 'x'))).toBe(false);
  });
});
