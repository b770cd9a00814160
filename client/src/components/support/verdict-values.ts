// A verdict's values as i18n interpolation: every Date becomes `name` (date and time in the
// viewer's zone) and `name_ago` (relative: "2 days ago"), so a sentence picks the form it reads
// best with. The colours follow the console's rule: green healthy, amber degraded, red failing.
import type { TVerdict, TVerdictSeverity, TVerdictTarget } from '../../../../shared/support.ts';
import { formatDateTime, formatRelative, type TimeContext } from '../../lib/format-time.ts';

export function verdictValues(values: TVerdict['values'], ctx: TimeContext, now: Date): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value instanceof Date) {
      out[key] = formatDateTime(value, ctx);
      out[`${key}_ago`] = formatRelative(value, now, ctx.locale);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export const SEVERITY_COLOR: Record<TVerdictSeverity, string> = { ok: 'green', warn: 'yellow', error: 'red' };

/** Where a verdict leads: the event page, or a section of this page. */
export function verdictHref(target: TVerdictTarget): { to: string; external: boolean } {
  switch (target.kind) {
    case 'event':
      return { to: `/events/${target.eventId}`, external: true };
    case 'delivery':
      return { to: `/events/${target.eventId}#delivery-${target.deliveryId}`, external: true };
    case 'google':
      return { to: '#support-google', external: false };
    case 'ics':
      return { to: target.linkId ? `#ics-${target.linkId}` : '#support-ics', external: false };
  }
}
