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
  it('seeds accounts, visible demo events and a week of provider traffic once; a second start changes nothing', { timeout: 60_000 }, async () => {
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
    expect(await getDb().calendarEvent.count()).toBe(10);
    // A week of provider traffic for the health console, written once.
    const traffic = await getDb().integrationEvent.count();
    expect(traffic).toBeGreaterThan(100_000);
    expect(await getDb().integrationEvent.count({ where: { occurredAt: { lt: new Date(Date.now() - 6 * 86_400_000) } } })).toBeGreaterThan(0);
  });
});
