// One rule for turning a wall-clock time in a zone into an instant, shared by the server (which
// stores it) and the event form (which previews it), so both always agree.
import { DateTime } from 'luxon';

/**
 * A time in a spring-forward gap moves forward by the gap (as calendar apps do); a time that
 * happens twice in autumn means its first occurrence (RFC 5545 §3.3.5). Luxon alone would pick
 * the later one. null for an unreadable value or zone.
 */
export function wallClockToInstant(wall: string, zone: string): Date | null {
  const dt = DateTime.fromISO(wall, { zone });
  if (!dt.isValid) return null;
  const first = dt.getPossibleOffsets().reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a), dt);
  return first.toJSDate();
}
