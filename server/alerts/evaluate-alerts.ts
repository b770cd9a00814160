// The alerts.evaluate job's work: read rollups, run every provider's rules, and move incidents.
// - firing, no unresolved incident: open one (the partial unique index makes a second
//   evaluator's insert fail, never a second incident) and queue "open" notifications;
// - firing, unresolved: record the numbers; a worse severity escalates (and notifies);
//   firing again during the hold-down cancels it (RECURRED);
// - clear, unresolved: start the hold-down (CLEARED); once clear for holdDownSec, resolve
//   automatically and queue "resolve" notifications. No flapping: a provider that dips in and out
//   of its threshold keeps one incident.
import { getDb, getPool, type Prisma } from '../db.ts';
import { severityRank, type TFinding, type TSeverity } from '../../shared/alerts.ts';
import { taggedLogger } from '../logger.ts';
import { evaluateProvider, silenceBaseline, worstSeverity } from './evaluate-rules.ts';
import { readCatalogAndRules, rulesForProvider, type CatalogEntry } from './ensure-alert-rules.ts';
import { readAlertNumbers } from './read-alert-numbers.ts';
import { queueNotifications } from './queue-notifications.ts';
import { addTimelineEntry } from './timeline.ts';

const log = taggedLogger('alerts');

export type EvaluationResult = { providers: number; firing: string[]; opened: string[]; escalated: string[]; cleared: string[]; resolved: string[] };

const successEventsOf = (p: CatalogEntry) => p.knownEvents.filter((e) => !/error/.test(e)).join('/') || `${p.key} successes`;

export async function evaluateAlerts(opts: { now?: Date; holdDownSec: number }): Promise<EvaluationResult> {
  const now = opts.now ?? new Date();
  const { catalog, rules } = await readCatalogAndRules();
  const byProvider = new Map<string, ReturnType<typeof rulesForProvider>>();
  for (const p of catalog) byProvider.set(p.key, rulesForProvider(p.tier, rules.filter((r) => r.provider === p.key)));

  const windowMinutes: number[] = [];
  const silenceWindows: number[] = [];
  let lookbackWeeks = 1;
  for (const r of byProvider.values()) {
    if (r.THRESHOLD?.enabled) windowMinutes.push(r.THRESHOLD.params.windowMinutes);
    if (r.BURN_RATE?.enabled) {
      const b = r.BURN_RATE.params;
      windowMinutes.push(b.fast.shortMinutes, b.fast.longMinutes, b.slow.shortMinutes, b.slow.longMinutes);
    }
    if (r.LATENCY?.enabled) windowMinutes.push(r.LATENCY.params.windowMinutes);
    if (r.SILENCE?.enabled) {
      windowMinutes.push(r.SILENCE.params.windowMinutes);
      silenceWindows.push(r.SILENCE.params.windowMinutes);
      lookbackWeeks = Math.max(lookbackWeeks, r.SILENCE.params.lookbackWeeks);
    }
  }
  const [numbers, unresolved] = await Promise.all([
    readAlertNumbers({ now, windowMinutes, silenceWindowMinutes: silenceWindows, lookbackWeeks }),
    getPool().query<{ provider: string }>(`SELECT provider FROM incidents WHERE status <> 'RESOLVED'`),
  ]);
  // Quiet providers without an incident need no transaction: the common case, every minute.
  const hasIncident = new Set(unresolved.rows.map((r) => r.provider));

  const result: EvaluationResult = { providers: catalog.length, firing: [], opened: [], escalated: [], cleared: [], resolved: [] };
  for (const p of catalog) {
    const providerRules = byProvider.get(p.key)!;
    const silence = providerRules.SILENCE;
    const findings = evaluateProvider({
      tier: p.tier,
      rules: providerRules,
      windows: (m) => numbers.windows(p.key, m),
      silence: {
        observedSuccesses: (m) => {
          const w = numbers.windows(p.key, m);
          return w.total - w.errors;
        },
        baseline: silence?.enabled
          ? silenceBaseline({ now, windowMinutes: silence.params.windowMinutes, pastWeeks: (h) => numbers.pastWeeks(p.key, h).slice(0, silence.params.lookbackWeeks) })
          : null,
        successEvents: successEventsOf(p),
      },
    });
    if (findings.length) result.firing.push(p.key);
    else if (!hasIncident.has(p.key)) continue;
    const change = await applyFindings({ provider: p.key, findings, now, holdDownSec: opts.holdDownSec });
    if (change) result[change].push(p.key);
  }
  if (result.opened.length || result.resolved.length || result.escalated.length) log.info(result, 'incidents changed');
  return result;
}

type Change = 'opened' | 'escalated' | 'cleared' | 'resolved' | null;

const duration = (sec: number) => (sec >= 120 ? `${Math.round(sec / 60)} min` : `${sec} s`);

const json = (f: readonly TFinding[]) => f as unknown as Prisma.InputJsonValue;

async function playbookVersion(provider: string): Promise<number> {
  const { rows } = await getPool().query<{ version: number }>('SELECT version FROM playbooks WHERE provider = $1', [provider]);
  return rows[0]?.version ?? 0;
}

/** One provider's verdict applied to its unresolved incident (if any), in one transaction. */
export async function applyFindings(opts: { provider: string; findings: TFinding[]; now: Date; holdDownSec: number }): Promise<Change> {
  const { provider, findings, now } = opts;
  const severity = worstSeverity(findings);
  const version = severity ? await playbookVersion(provider) : 0;
  try {
    return await getDb().$transaction(async (tx) => {
      const [open] = await tx.$queryRaw<{ id: string; severity: TSeverity; clearSince: Date | null }[]>`
        SELECT id, severity::text AS severity, clear_since AS "clearSince" FROM incidents
        WHERE provider = ${provider} AND status <> 'RESOLVED' FOR UPDATE`;
      if (!open) {
        if (!severity) return null;
        const incident = await tx.incident.create({
          data: { provider, severity, summary: findings[0]!.summary, trigger: json(findings), latest: json(findings), playbookVersion: version, openedAt: now, lastFiringAt: now },
          select: { id: true },
        });
        await addTimelineEntry(tx, { incidentId: incident.id, kind: 'FIRED', body: findings.map((f) => f.summary).join('; '), data: json(findings), at: now });
        await queueNotifications(tx, { incidentId: incident.id, provider, kind: 'OPEN', now });
        return 'opened';
      }
      if (severity) {
        const worse = severityRank(severity) > severityRank(open.severity);
        await tx.incident.update({
          where: { id: open.id },
          data: { latest: json(findings), lastFiringAt: now, clearSince: null, ...(worse ? { severity, summary: findings[0]!.summary } : {}) },
          select: { id: true },
        });
        if (open.clearSince) await addTimelineEntry(tx, { incidentId: open.id, kind: 'RECURRED', body: `Firing again before the hold-down ended: ${findings[0]!.summary}`, at: now });
        if (worse) {
          await addTimelineEntry(tx, { incidentId: open.id, kind: 'ESCALATED', body: `${open.severity} → ${severity}: ${findings[0]!.summary}`, data: json(findings), at: now });
          await queueNotifications(tx, { incidentId: open.id, provider, kind: 'ESCALATE', now });
          return 'escalated';
        }
        return null;
      }
      if (!open.clearSince) {
        await tx.incident.update({ where: { id: open.id }, data: { clearSince: now, latest: [] }, select: { id: true } });
        await addTimelineEntry(tx, {
          incidentId: open.id,
          kind: 'CLEARED',
          body: `No rule fires any more; resolves by itself if it stays clear for ${duration(opts.holdDownSec)}`,
          at: now,
        });
        if (opts.holdDownSec > 0) return 'cleared';
      }
      const clearSince = open.clearSince ?? now;
      if (now.getTime() - clearSince.getTime() < opts.holdDownSec * 1000) return null;
      await tx.incident.update({ where: { id: open.id }, data: { status: 'RESOLVED', resolvedAt: now }, select: { id: true } });
      await addTimelineEntry(tx, {
        incidentId: open.id,
        kind: 'RESOLVED',
        body: `Resolved automatically: clear for ${duration(Math.round((now.getTime() - clearSince.getTime()) / 1000))} (hold-down ${duration(opts.holdDownSec)})`,
        at: now,
      });
      await queueNotifications(tx, { incidentId: open.id, provider, kind: 'RESOLVE', now });
      return 'resolved';
    });
  } catch (error) {
    // Another evaluator opened this provider's incident between our read and insert: it owns it.
    if ((error as { code?: string }).code === 'P2002') return null;
    throw error;
  }
}
