import { describe, expect, it } from 'vitest';
import { DELIVERY_STATUS_COLOR, deliveryTime, smtpReplyCode } from './delivery-status.ts';

describe('delivery status', () => {
  it('uses the status colours: sent green, retrying amber, failed red, pending grey', () => {
    expect(DELIVERY_STATUS_COLOR).toEqual({ SENT: 'green', RETRYING: 'yellow', FAILED: 'red', PENDING: 'gray' });
  });

  it('shows when it went out, else the last attempt, else when it was planned', () => {
    const createdAt = new Date('2030-01-01T09:00:00Z');
    const lastAttemptAt = new Date('2030-01-01T09:01:00Z');
    const sentAt = new Date('2030-01-01T09:02:00Z');
    expect(deliveryTime({ createdAt, lastAttemptAt, sentAt })).toBe(sentAt);
    expect(deliveryTime({ createdAt, lastAttemptAt, sentAt: null })).toBe(lastAttemptAt);
    expect(deliveryTime({ createdAt, lastAttemptAt: null, sentAt: null })).toBe(createdAt);
  });

  it('reads the reply code of an SMTP reply, and nothing from other text', () => {
    expect(smtpReplyCode('550 5.1.1 Mailbox unavailable')).toBe('550');
    expect(smtpReplyCode('421 Try again later')).toBe('421');
    expect(smtpReplyCode('250 Queued as 12')).toBe('250');
    expect(smtpReplyCode('connect ECONNREFUSED 127.0.0.1:1')).toBeNull();
    expect(smtpReplyCode('1500 not a code')).toBeNull();
    expect(smtpReplyCode(null)).toBeNull();
  });
});
