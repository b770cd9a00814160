// settings.* : every role edits its own time zone, language and default reminder.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { fieldErrorsOf } from './support/field-errors.ts';

describe('[SETTINGS] own settings', () => {
  it('reads the defaults, saves a change for the caller only, and the session user reflects it', async () => {
    const me = await createTestUser({ role: 'SUPPORT' });
    const other = await createTestUser();
    const caller = await callerFor(me);
    expect(await caller.settings.get()).toEqual({ timezone: 'UTC', locale: 'en', defaultReminderMinutes: null });

    const saved = await caller.settings.update({ timezone: 'Europe/Istanbul', locale: 'tr', defaultReminderMinutes: 15 });
    expect(saved).toEqual({ timezone: 'Europe/Istanbul', locale: 'tr', defaultReminderMinutes: 15 });
    // A partial update leaves the rest alone; null clears the default reminder.
    expect(await caller.settings.update({ defaultReminderMinutes: null })).toEqual({ timezone: 'Europe/Istanbul', locale: 'tr', defaultReminderMinutes: null });

    const sessionUser = await getDb().user.findUniqueOrThrow({ where: { id: me.id }, select: { timezone: true, locale: true } });
    expect(sessionUser).toEqual({ timezone: 'Europe/Istanbul', locale: 'tr' });
    expect(await (await callerFor(other)).settings.get()).toEqual({ timezone: 'UTC', locale: 'en', defaultReminderMinutes: null });
    const audit = await getDb().auditLog.findMany({ where: { targetId: me.id, action: 'user.update_settings' }, select: { actorId: true } });
    expect(audit).toHaveLength(2);
  });

  it('rejects an unknown zone, language or reminder on its field and keeps the stored values', async () => {
    const me = await createTestUser();
    const caller = await callerFor(me);
    expect((await fieldErrorsOf(caller.settings.update({ timezone: 'Europe/Atlantis' }))).timezone?.[0]).toMatch(/Unknown time zone/);
    expect((await fieldErrorsOf(caller.settings.update({ locale: 'de' as 'en' }))).locale).toEqual(['Choose English or Turkish']);
    expect((await fieldErrorsOf(caller.settings.update({ defaultReminderMinutes: 50_000 }))).defaultReminderMinutes?.[0]).toMatch(/at most 40320/);
    expect(await caller.settings.get()).toEqual({ timezone: 'UTC', locale: 'en', defaultReminderMinutes: null });
  });
});
