import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-errors.ts';

const err = (code: string, message: string, data: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { data: { code, ...data } });

describe('signInErrorMessage', () => {
  it('says the same thing for every refused credential (unknown, wrong, disabled)', () => {
    expect(signInErrorMessage(err('UNAUTHORIZED', 'Invalid e-mail or password'))).toEqual({ key: 'auth.invalidCredentials' });
  });

  it('tells a rate-limited user how many minutes to wait', () => {
    expect(signInErrorMessage(err('TOO_MANY_REQUESTS', 'Too many', { retryAfterSeconds: 600 }))).toEqual({
      key: 'auth.rateLimited',
      values: { count: 10 },
    });
    expect(signInErrorMessage(err('TOO_MANY_REQUESTS', 'Too many'))).toEqual({ key: 'errors.rateLimitedLater' });
  });

  it('reports a server outage as such, not as bad credentials', () => {
    expect(signInErrorMessage(new TypeError('Failed to fetch'))).toEqual({ key: 'errors.network' });
  });
});
