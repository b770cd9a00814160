// The default reminder for new events: "none", a preset, or any whole number of minutes up to
// four weeks. The form keeps a choice plus a custom number; these turn one into the other.
import { REMINDER_MINUTES_MAX } from '../../../../shared/calendar-events.ts';

export const REMINDER_PRESETS = [5, 10, 15, 30, 60, 1440] as const;
export { REMINDER_MINUTES_MAX };

/** What the select shows: no reminder, one of the presets (as a string, Select values are strings), or custom. */
export type ReminderChoice = 'none' | 'custom' | `${(typeof REMINDER_PRESETS)[number]}`;

export function reminderChoiceFor(minutes: number | null): ReminderChoice {
  if (minutes === null) return 'none';
  return (REMINDER_PRESETS as readonly number[]).includes(minutes) ? (String(minutes) as ReminderChoice) : 'custom';
}

/** The minutes to save, or undefined when a custom value is missing or not a whole number (the form says why). */
export function reminderMinutesFor(choice: ReminderChoice, custom: number | string | null | undefined): number | null | undefined {
  if (choice === 'none') return null;
  if (choice !== 'custom') return Number(choice);
  if (custom === '' || custom === null || custom === undefined) return undefined;
  const value = typeof custom === 'number' ? custom : Number(custom);
  return Number.isFinite(value) ? value : undefined;
}

export type ReminderUnit = 'week' | 'day' | 'hour' | 'minute';
export type ReminderPart = { unit: ReminderUnit; count: number };

const UNIT_MINUTES: ReadonlyArray<[ReminderUnit, number]> = [
  ['week', 7 * 24 * 60],
  ['day', 24 * 60],
  ['hour', 60],
  ['minute', 1],
];

/**
 * 90 -> 1 hour 30 minutes, 1440 -> 1 day, 40320 -> 4 weeks; 0 -> [] (at the start time).
 * Largest units first, zero parts left out, so each part is one plural-aware translation.
 */
export function reminderParts(minutes: number): ReminderPart[] {
  let rest = Math.max(0, Math.floor(minutes));
  const parts: ReminderPart[] = [];
  for (const [unit, size] of UNIT_MINUTES) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push({ unit, count });
    rest -= count * size;
  }
  return parts;
}

type Translate = (key: string, values: { count: number }) => string;

/** "1 hour 30 minutes" / "1 saat 30 dakika"; "" for 0 (the caller says "at the start time"). */
export function formatReminderDuration(minutes: number, t: Translate): string {
  return reminderParts(minutes)
    .map((part) => t(`settings.units.${part.unit}`, { count: part.count }))
    .join(' ');
}
