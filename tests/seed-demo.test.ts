// The demo data `npm start` puts into a fresh database: accounts and a fortnight of events.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { seedDemo } from '../server/dev/seed-demo.ts';
import { callerFor } from './support/factories.ts';
import { toSessionUser, sessionUserSelect } from '../server/auth/session-user.ts';

describe('[DEMO] seed', () => {
  it('seeds accounts, visible demo events and a week of provider traffic once; a second start changes nothing', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'opsdeck-seed-'));
    const first = await seedDemo({ dataDir, password: 'demo-password-123' });
    expect(first.seeded).toBe(true);
    expect(first.credentials?.accounts.map((a) => a.email)).toEqual(['admin@opsdeck.local', 'support@opsdeck.local', 'user@opsdeck.local']);

    const user = toSessionUser(await getDb().user.findUniqueOrThrow({ where: { email: 'user@opsdeck.local' }, select: sessionUserSelect }));
    const events = (await (await callerFor(user)).calendarEvents.list({ limit: 500 })).items;
    expect(events.length).toBe(10);
    // One is owned by support and only attended by the demo user; one is all-day.
    expect(events.filter((e) => e.owner.email === 'support@opsdeck.local')).toHaveLength(1);
    expect(events.some((e) => e.allDay)).toBe(true);
    // Spread around today so every calendar view has something to show.
    const now = Date.now();
    expect(events.some((e) => e.startsAt.getTime() < now)).toBe(true);
    expect(events.some((e) => e.startsAt.getTime() > now + 7 * 86_400_000)).toBe(true);

    const again = await seedDemo({ dataDir, password: 'demo-password-123' });
    expect(again.seeded).toBe(false);
    // 10 for the demo user and support, 3 for the two diagnostics demo users.
    expect(await getDb().calendarEvent.count()).toBe(13);
    const deniz = toSessionUser(await getDb().user.findUniqueOrThrow({ where: { email: 'deniz@opsdeck.local' }, select: sessionUserSelect }));
    const elif = toSessionUser(await getDb().user.findUniqueOrThrow({ where: { email: 'elif@opsdeck.local' }, select: sessionUserSelect }));
    const support = toSessionUser(await getDb().user.findUniqueOrThrow({ where: { email: 'support@opsdeck.local' }, select: sessionUserSelect }));
    const desk = await callerFor(support);
    const bounced = (await desk.support.diagnose({ userId: deniz.id })).verdicts[0];
    expect(bounced).toMatchObject({ code: 'reminderBounced', severity: 'error', values: { code: '550', recipient: 'eski.stajyer@firm.example', recipients: 3, sent: 2 } });
    const revoked = (await desk.support.diagnose({ userId: elif.id })).verdicts.find((v) => v.target.kind === 'google');
    expect(revoked).toMatchObject({ code: 'googleReauthEmailed', severity: 'error', values: { reason: 'invalid_grant: Token has been expired or revoked.' } });
    // A week of provider traffic for the health console, written once.
    const traffic = await getDb().integrationEvent.count();
    expect(traffic).toBeGreaterThan(100_000);
    expect(await getDb().integrationEvent.count({ where: { occurredAt: { lt: new Date(Date.now() - 6 * 86_400_000) } } })).toBeGreaterThan(0);
  });
});
