import { describe, expect, it } from 'vitest';
import { reactToError } from './error-policy.ts';

const err = (code: string, message = 'x') => Object.assign(new Error(message), { data: { code } });

describe('reactToError', () => {
  it('ends the session on UNAUTHORIZED, once, whoever asked', () => {
    expect(reactToError(err('UNAUTHORIZED'), undefined, { hasData: false })).toEqual({
      endSession: true,
      refreshSession: false,
      toast: { key: 'auth.sessionEnded' },
    });
    expect(reactToError(err('UNAUTHORIZED'), { inlineErrors: true }, { hasData: false }).endSession).toBe(true);
  });

  it('treats UNAUTHORIZED from sign-in as wrong credentials, not an ended session', () => {
    expect(reactToError(err('UNAUTHORIZED'), { authFlow: true, inlineErrors: true }, { hasData: false })).toEqual({
      endSession: false,
      refreshSession: false,
      toast: null,
    });
  });

  it('toasts by default, and stays quiet where the component shows the error', () => {
    expect(reactToError(err('FORBIDDEN', 'This needs the admin role'), undefined, { hasData: false }).toast).toEqual({
      key: 'serverMessages.needsAdmin',
      values: {},
    });
    expect(reactToError(err('CONFLICT'), { inlineErrors: true }, { hasData: false }).toast).toBeNull();
  });

  it('re-reads the session on FORBIDDEN, since the role may have changed meanwhile', () => {
    expect(reactToError(err('FORBIDDEN'), { inlineErrors: true }, { hasData: false }).refreshSession).toBe(true);
    expect(reactToError(err('CONFLICT'), undefined, { hasData: false }).refreshSession).toBe(false);
  });

  it('still toasts when a background refresh fails under data already on screen', () => {
    expect(reactToError(err('INTERNAL_SERVER_ERROR'), { inlineErrors: true }, { hasData: true }).toast).toEqual({ key: 'errors.internal' });
  });
});
