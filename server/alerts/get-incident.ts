import { getDb } from '../db.ts';
import { getConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import type { TFinding, TIncidentDetail } from '../../shared/alerts.ts';
import { incidentSummarySelect, toIncidentSummary } from './incident-select.ts';
import { providerNamesAndMutes } from './list-incidents.ts';

export async function getIncident(opts: { id: string }): Promise<TIncidentDetail> {
  const row = await getDb().incident.findUnique({
    where: { id: opts.id },
    select: {
      ...incidentSummarySelect,
      trigger: true,
      latest: true,
      lastFiringAt: true,
      playbookVersion: true,
      resolvedBy: { select: { name: true } },
      timeline: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true, kind: true, body: true, at: true, actor: { select: { name: true } } } },
      deliveries: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, kind: true, status: true, attempts: true, nextAttemptAt: true, lastAttemptAt: true, lastError: true, sentAt: true, channel: { select: { name: true, kind: true } } },
      },
      checks: { orderBy: { line: 'asc' }, select: { line: true, text: true, checkedAt: true, checkedBy: { select: { name: true } } } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such incident');
  const { names, muted } = await providerNamesAndMutes();
  const { trigger, latest, timeline, deliveries, checks, resolvedBy, lastFiringAt, playbookVersion, ...summary } = row;
  return {
    ...toIncidentSummary(summary, names, muted),
    trigger: trigger as unknown as TFinding[],
    latest: Array.isArray(latest) ? (latest as unknown as TFinding[]) : null,
    lastFiringAt,
    playbookVersion,
    resolvedBy: resolvedBy?.name ?? null,
    holdDownSeconds: getConfig().alerts.holdDownSec,
    timeline: timeline.map(({ actor, ...t }) => ({ ...t, actor: actor?.name ?? null })),
    deliveries: deliveries.map(({ channel, ...d }) => ({ ...d, channel: channel.name, channelKind: channel.kind, nextAttemptAt: d.status === 'SENT' || d.status === 'FAILED' ? null : d.nextAttemptAt })),
    checks: checks.map(({ checkedBy, ...c }) => ({ ...c, checkedBy: checkedBy?.name ?? null })),
  };
}
