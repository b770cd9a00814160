// Each user's own settings. The session user carries timezone and locale too, so the
// client refetches auth.me after a change; nothing is cached here.
import { getDb } from '../db.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { LOCALES, type TUserSettings, type TUserSettingsUpdateInput } from '../../shared/settings.ts';

const settingsSelect = { timezone: true, locale: true, defaultReminderMinutes: true } as const;

function toSettings(row: { timezone: string; locale: string; defaultReminderMinutes: number | null }): TUserSettings {
  // A locale written before a language was withdrawn falls back instead of failing the read.
  const locale = (LOCALES as readonly string[]).includes(row.locale) ? (row.locale as TUserSettings['locale']) : 'en';
  return { timezone: row.timezone, locale, defaultReminderMinutes: row.defaultReminderMinutes };
}

export async function getUserSettings(userId: string): Promise<TUserSettings> {
  return toSettings(await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: settingsSelect }));
}

export async function updateUserSettings(userId: string, input: TUserSettingsUpdateInput, requestId?: string): Promise<TUserSettings> {
  return getDb().$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: settingsSelect });
    const after = await tx.user.update({ where: { id: userId }, data: input, select: settingsSelect });
    await recordAudit({ actorId: userId, action: 'user.update_settings', targetType: 'User', targetId: userId, before, after, requestId }, tx);
    return toSettings(after);
  });
}
