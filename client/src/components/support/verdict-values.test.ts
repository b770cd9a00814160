import { describe, expect, it } from 'vitest';
import { verdictHref, verdictValues } from './verdict-values.ts';

const ctx = { locale: 'en-GB', timeZone: 'Europe/Istanbul' };
const now = new Date('2030-03-12T12:00:00Z');

describe('verdictValues', () => {
  it('formats dates in the viewer zone, adds a relative form, keeps the rest', () => {
    const out = verdictValues({ title: 'Hearing', at: new Date('2030-03-10T06:55:00Z'), recipients: 3 }, ctx, now);
    expect(out.title).toBe('Hearing');
    expect(out.recipients).toBe(3);
    expect(out.at).toContain('09:55');
    expect(out.at_ago).toBe('2 days ago');
  });
});

describe('verdictHref', () => {
  it('links events and deliveries to the event page, Google and ICS to this page', () => {
    expect(verdictHref({ kind: 'event', eventId: 'e1' })).toEqual({ to: '/events/e1', external: true });
    expect(verdictHref({ kind: 'delivery', eventId: 'e1', deliveryId: 'd1' }).to).toBe('/events/e1#delivery-d1');
    expect(verdictHref({ kind: 'google' })).toEqual({ to: '#support-google', external: false });
    expect(verdictHref({ kind: 'ics', linkId: null }).to).toBe('#support-ics');
  });
});
