import type { Prisma } from '../db.ts';
import type { TIncidentSummary } from '../../shared/alerts.ts';

export const incidentSummarySelect = {
  id: true,
  number: true,
  provider: true,
  status: true,
  severity: true,
  summary: true,
  openedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: { select: { name: true } },
  clearSince: true,
  resolvedAt: true,
} satisfies Prisma.IncidentSelect;

type Row = Prisma.IncidentGetPayload<{ select: typeof incidentSummarySelect }>;

export function toIncidentSummary(row: Row, names: ReadonlyMap<string, string>, muted: ReadonlySet<string>): TIncidentSummary {
  const { acknowledgedBy, ...rest } = row;
  return { ...rest, providerName: names.get(row.provider) ?? row.provider, acknowledgedBy: acknowledgedBy?.name ?? null, muted: muted.has(row.provider) };
}
