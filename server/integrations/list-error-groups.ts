// integrations.errorGroups: the groups seen in a window, with their count inside the window
// (from raw rows of that provider and window, via the provider/time index) and overall.
import { getPool } from '../db.ts';
import type { TErrorGroup } from '../../shared/integration-health.ts';
import { ZErrorGroupsInput } from '../../shared/integration-health.ts';
import type { z } from 'zod';
import { resolveWindow } from './health-window.ts';

export async function listErrorGroups(raw: z.input<typeof ZErrorGroupsInput>, now = new Date()): Promise<TErrorGroup[]> {
  const input = ZErrorGroupsInput.parse(raw);
  const range = resolveWindow(input, now);
  const params: unknown[] = [range.from, range.to];
  let providerFilter = '';
  if (input.provider) {
    params.push(input.provider);
    providerFilter = `AND e.provider = $${params.length}`;
  }
  params.push(input.limit);
  const { rows } = await getPool().query(
    `WITH w AS (
       SELECT e.fingerprint, count(*)::int AS n FROM integration_events e
       WHERE NOT e.ok AND e.occurred_at >= $1 AND e.occurred_at < $2 ${providerFilter} AND e.fingerprint IS NOT NULL
       GROUP BY e.fingerprint
     )
     SELECT g.fingerprint, g.provider, g.event, g.error_class, g.error_code, g.sample_message, w.n, g.count, g.first_seen_at, g.last_seen_at
     FROM w JOIN integration_error_groups g USING (fingerprint)
     ORDER BY w.n DESC, g.last_seen_at DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    fingerprint: r.fingerprint,
    provider: r.provider,
    event: r.event,
    errorClass: r.error_class,
    errorCode: r.error_code,
    sampleMessage: r.sample_message,
    count: r.n,
    totalCount: r.count,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  }));
}
