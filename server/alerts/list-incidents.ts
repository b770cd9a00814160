// Incidents for the list page: unresolved first (worst severity, then newest), then resolved,
// newest first; paged by a keyset on the same order.
import { getDb, getPool } from '../db.ts';
import { ZIncidentListInput, type TIncidentListInput, type TIncidentSummary } from '../../shared/alerts.ts';
import { incidentSummarySelect, toIncidentSummary } from './incident-select.ts';

export async function providerNamesAndMutes(now = new Date()): Promise<{ names: Map<string, string>; muted: Set<string> }> {
  const [providers, mutes] = await Promise.all([
    getPool().query<{ key: string; display_name: string }>('SELECT key, display_name FROM providers'),
    getPool().query<{ provider: string }>('SELECT DISTINCT provider FROM provider_mutes WHERE ended_at IS NULL AND until > $1', [now]),
  ]);
  return { names: new Map(providers.rows.map((p) => [p.key, p.display_name])), muted: new Set(mutes.rows.map((m) => m.provider)) };
}

export async function listIncidents(raw: TIncidentListInput): Promise<{ items: TIncidentSummary[]; nextCursor: string | null }> {
  const input = ZIncidentListInput.parse(raw);
  const params: unknown[] = [];
  const where: string[] = [];
  if (input.status === 'unresolved') where.push(`status <> 'RESOLVED'`);
  if (input.status === 'resolved') where.push(`status = 'RESOLVED'`);
  if (input.provider) {
    params.push(input.provider);
    where.push(`provider = $${params.length}`);
  }
  // Sort key: unresolved before resolved, CRITICAL before WARNING while unresolved, newest first.
  const key = `(CASE WHEN status = 'RESOLVED' THEN 0 ELSE 1 END), (CASE WHEN status <> 'RESOLVED' AND severity = 'CRITICAL' THEN 1 ELSE 0 END), opened_at, id`;
  if (input.cursor) {
    params.push(input.cursor);
    where.push(`(${key}) < (SELECT ${key} FROM incidents WHERE id = $${params.length}::uuid)`);
  }
  params.push(input.limit + 1);
  const { rows } = await getPool().query<{ id: string }>(
    `SELECT id FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY (CASE WHEN status = 'RESOLVED' THEN 0 ELSE 1 END) DESC, (CASE WHEN status <> 'RESOLVED' AND severity = 'CRITICAL' THEN 1 ELSE 0 END) DESC, opened_at DESC, id DESC
     LIMIT $${params.length}`,
    params,
  );
  const ids = rows.slice(0, input.limit).map((r) => r.id);
  const [found, { names, muted }] = await Promise.all([getDb().incident.findMany({ where: { id: { in: ids } }, select: incidentSummarySelect }), providerNamesAndMutes()]);
  const byId = new Map(found.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => toIncidentSummary(byId.get(id)!, names, muted)),
    nextCursor: rows.length > input.limit ? ids[ids.length - 1]! : null,
  };
}
