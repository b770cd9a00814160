// The post-release checklist of IH-8, from what real traffic says after the release: a check
// passes once its success events were seen (minSuccesses), fails when its provider's error
// rate since the release makes the provider degraded or failing (the provider's own
// thresholds, never from fewer than minErrors failures), and waits while there is not enough
// traffic. "Since the release" is exact: the rest of the release's own minute is read from the
// raw events (one index range per provider, at most a minute long; CI records a release as the
// deploy ends and smoke traffic follows within seconds), the whole minutes after it from the
// rollups, for at most CHECK_WINDOW_HOURS. A check about one subject reads raw events.
import { getPool } from '../db.ts';
import { netErrors, readRollups } from '../integrations/read-rollups.ts';
import { providerStatus } from '../integrations/provider-status.ts';
import { CHECK_WINDOW_HOURS, type TCheckItem, type TCheckResult, type TCheckStatus } from '../../shared/releases.ts';
import type { TProviderTier } from '../../shared/integrations.ts';

export type CheckOverride = { itemId: string; status: 'passed' | 'failing'; note: string; by: string | null; at: Date };
type ProviderRow = { key: string; tier: TProviderTier; degradedErrorRate: number; failingErrorRate: number; minErrors: number };

export function checkWindow(releasedAt: Date, now = new Date()) {
  const from = releasedAt.getTime();
  const end = from + CHECK_WINDOW_HOURS * 3_600_000;
  return { from: releasedAt, to: new Date(Math.max(from, Math.min(end, now.getTime()))), complete: now.getTime() >= end };
}

type Sums = { key: string; total: number; errors: number; retryOk: number; retries: number };

/** The raw events of [from, to) per provider and event, counted the way rollups count them. */
async function rawSums(providers: string[], from: Date, to: Date): Promise<(Sums & { provider: string })[]> {
  if (from >= to) return [];
  const { rows } = await getPool().query<{ provider: string; event: string; total: string; errors: string; retries: string; retry_ok: string }>(
    `SELECT provider, event, count(*) FILTER (WHERE attempt = 1) AS total, count(*) FILTER (WHERE attempt = 1 AND NOT ok) AS errors,
            count(*) FILTER (WHERE attempt > 1) AS retries, count(*) FILTER (WHERE attempt > 1 AND ok) AS retry_ok
     FROM integration_events WHERE provider = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at < $3 GROUP BY provider, event`,
    [providers, from, to],
  );
  return rows.map((r) => ({ provider: r.provider, key: r.event, total: Number(r.total), errors: Number(r.errors), retries: Number(r.retries), retryOk: Number(r.retry_ok) }));
}

function add(map: Map<string, Sums>, key: string, s: Omit<Sums, 'key'>) {
  const cur = map.get(key) ?? { key, total: 0, errors: 0, retries: 0, retryOk: 0 };
  map.set(key, { key, total: cur.total + s.total, errors: cur.errors + s.errors, retries: cur.retries + s.retries, retryOk: cur.retryOk + s.retryOk });
}

async function subjectSuccesses(item: TCheckItem, range: { from: Date; to: Date }): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(
    `SELECT count(*) AS n FROM integration_events
     WHERE subject = $1 AND provider = $2 AND event = ANY($3::text[]) AND ok AND occurred_at >= $4 AND occurred_at < $5`,
    [item.subject, item.provider, item.successEvents, range.from, range.to],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function evaluateReleaseChecks(opts: {
  releasedAt: Date;
  items: readonly TCheckItem[];
  overrides?: readonly CheckOverride[];
  now?: Date;
}): Promise<{ window: ReturnType<typeof checkWindow>; checks: TCheckResult[] }> {
  const window = checkWindow(opts.releasedAt, opts.now);
  const providers = [...new Set(opts.items.map((i) => i.provider))];
  if (providers.length === 0) return { window, checks: [] };
  const range = { from: window.from, to: window.to };
  const firstWholeMinute = new Date(Math.min(Math.ceil(window.from.getTime() / 60_000) * 60_000, window.to.getTime()));
  const rollupRange = { from: firstWholeMinute, to: window.to };
  const [byEvent, byProvider, edge, catalog, subjects] = await Promise.all([
    // Per provider and event name, so a shared event name never counts for the wrong provider.
    Promise.all(providers.map((p) => readRollups({ range: rollupRange, groupBy: 'event', filter: { providers: [p] }, histogram: false }).then((rows) => [p, rows] as const))),
    readRollups({ range: rollupRange, groupBy: 'provider', filter: { providers }, histogram: false }),
    rawSums(providers, window.from, firstWholeMinute),
    getPool().query<ProviderRow>(
      `SELECT key, tier::text AS tier, degraded_error_rate AS "degradedErrorRate", failing_error_rate AS "failingErrorRate", min_errors AS "minErrors"
       FROM providers WHERE key = ANY($1::text[])`,
      [providers],
    ),
    Promise.all(opts.items.map((i) => (i.subject ? subjectSuccesses(i, range) : Promise.resolve(null)))),
  ]);
  const events = new Map(providers.map((p) => [p, new Map<string, Sums>()]));
  const totals = new Map<string, Sums>();
  for (const [p, rows] of byEvent) for (const r of rows) add(events.get(p)!, r.key, r);
  for (const r of byProvider) add(totals, r.key, r);
  for (const r of edge) {
    add(events.get(r.provider)!, r.key, r);
    add(totals, r.provider, r);
  }
  const tiers = new Map(catalog.rows.map((r) => [r.key, r]));
  const overrides = new Map((opts.overrides ?? []).map((o) => [o.itemId, o]));

  const checks = opts.items.map((item, i): TCheckResult => {
    const wanted = new Set(item.successEvents);
    const successes =
      subjects[i] ?? [...(events.get(item.provider)?.values() ?? [])].filter((r) => wanted.has(r.key)).reduce((sum, r) => sum + Math.max(0, r.total - r.errors), 0);
    const sums = totals.get(item.provider);
    const operations = sums?.total ?? 0;
    const errors = sums ? netErrors(sums) : 0;
    const p = tiers.get(item.provider);
    const status = p ? providerStatus({ tier: p.tier, volume: operations, errors, thresholds: p }) : operations ? 'healthy' : 'no_data';
    let evaluated: TCheckStatus;
    let reason: TCheckResult['reason'];
    if (status === 'failing' || status === 'degraded') [evaluated, reason] = ['failing', 'provider_errors'];
    else if (successes >= item.minSuccesses) [evaluated, reason] = ['passed', 'enough_successes'];
    else [evaluated, reason] = ['waiting', operations === 0 && successes === 0 ? 'no_traffic' : 'too_few_successes'];
    const o = overrides.get(item.id);
    return {
      item,
      evaluated,
      status: o ? o.status : evaluated,
      successes,
      operations,
      errors,
      errorRate: operations ? errors / operations : null,
      reason,
      override: o ? { status: o.status, note: o.note, by: o.by, at: o.at } : null,
    };
  });
  return { window, checks };
}

export function countStatuses(checks: readonly Pick<TCheckResult, 'status'>[]) {
  const counts = { passed: 0, failing: 0, waiting: 0 };
  for (const c of checks) counts[c.status] += 1;
  return counts;
}
