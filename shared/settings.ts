// Per-user settings (issue 3): the zone times are shown in, the interface language, and the
// reminder the event form starts from. Every role has them; each user edits only their own.
import { z } from 'zod';
import { ZReminderMinutes, ZTimeZone } from './calendar-events.ts';

export const LOCALES = ['en', 'tr'] as const;
export const ZLocale = z.enum(LOCALES, { error: 'Choose English or Turkish' });

export const ZUserSettings = z.object({
  timezone: z.string(),
  locale: ZLocale,
  defaultReminderMinutes: z.number().int().nullable(),
});
export type TUserSettings = z.infer<typeof ZUserSettings>;

export const ZUserSettingsUpdateInput = z.object({
  timezone: ZTimeZone.optional(),
  locale: ZLocale.optional(),
  /** null: new events start without a reminder. */
  defaultReminderMinutes: ZReminderMinutes.nullable().optional(),
});
export type TUserSettingsUpdateInput = z.input<typeof ZUserSettingsUpdateInput>;
