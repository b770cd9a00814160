// How incidents look everywhere (list, detail, banners): one colour per meaning, as the console's
// status colours: red failing (critical, unresolved), amber degraded (warning), green resolved.
import type { TIncidentStatus, TSeverity, TTimelineKind } from '../../../../shared/alerts.ts';

export function incidentColor(i: { status: TIncidentStatus; severity: TSeverity }): 'red' | 'orange' | 'green' {
  if (i.status === 'RESOLVED') return 'green';
  return i.severity === 'CRITICAL' ? 'red' : 'orange';
}

export const severityColor = (s: TSeverity) => (s === 'CRITICAL' ? 'red' : 'orange');

export function deliveryColor(status: 'PENDING' | 'RETRYING' | 'SENT' | 'FAILED'): string {
  return { PENDING: 'gray', RETRYING: 'orange', SENT: 'green', FAILED: 'red' }[status];
}

const TIMELINE_COLORS: Record<TTimelineKind, string> = {
  FIRED: 'red',
  ESCALATED: 'red',
  ACKNOWLEDGED: 'blue',
  NOTE: 'gray',
  CHECK_TICKED: 'teal',
  CHECK_UNTICKED: 'gray',
  CLEARED: 'lime',
  RECURRED: 'orange',
  RESOLVED: 'green',
  NOTIFICATION_SENT: 'gray',
  NOTIFICATION_FAILED: 'red',
  MUTED: 'gray',
};
export const timelineColor = (kind: TTimelineKind) => TIMELINE_COLORS[kind];

/** The chart window around an incident: 30 min before it opened to 10 min after it ended (or now). */
export function incidentChartRange(i: { openedAt: Date; resolvedAt: Date | null }, now = new Date()): { from: Date; to: Date } {
  const MIN = 60_000;
  const from = new Date(i.openedAt.getTime() - 30 * MIN);
  const end = i.resolvedAt ? Math.min(now.getTime(), i.resolvedAt.getTime() + 10 * MIN) : now.getTime();
  return { from, to: new Date(Math.max(end, i.openedAt.getTime() + MIN)) };
}

/** A finding's numbers as "errors 40 · total 100", rates as percentages. */
export function findingNumbers(numbers: Record<string, number | null>, locale: string): string {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return Object.entries(numbers)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${/rate|Rate|threshold|slo|maxRatio/.test(k) ? pct.format(v!) : num.format(v!)}`)
    .join(' · ');
}
