// Create and update end here, so both enforce the same rules on the whole event: an update
// that moves only the start is checked against the stored end.
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { ZEventFields } from '../../shared/calendar-events.ts';
import { resolveEventInstants, type EventInstants } from './event-time.ts';

export type ValidEvent = z.output<typeof ZEventFields> & EventInstants;

export function invalidFields(fieldErrors: Record<string, string[] | undefined>): AppError {
  return new AppError('INVALID_INPUT', 'Check the highlighted fields', { fieldErrors });
}

export function validateEvent(candidate: unknown): ValidEvent {
  const parsed = ZEventFields.safeParse(candidate);
  if (!parsed.success) throw invalidFields(z.flattenError(parsed.error).fieldErrors);
  const instants = resolveEventInstants(parsed.data);
  // Wall-clock order can still collapse when the start falls in a DST gap and moves forward.
  if (instants.endsAt <= instants.startsAt) {
    throw invalidFields({ end: ['The end must be after the start (the start falls in a daylight-saving gap)'] });
  }
  return { ...parsed.data, ...instants };
}

/** The event's own columns as a validated event sets them: one mapping for create and update. */
export function eventColumns(v: ValidEvent) {
  return {
    title: v.title,
    description: v.description || null,
    location: v.location || null,
    timezone: v.timezone,
    allDay: v.allDay,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    allDayStart: v.allDayStart,
    allDayEnd: v.allDayEnd,
    reminderMinutes: v.reminderMinutes ?? null,
    private: v.private,
  };
}
