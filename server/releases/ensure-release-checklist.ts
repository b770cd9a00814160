// Inserts the default checklist items once each (seed_key): an item an admin archived stays
// archived, one they edited keeps their edits.
import type pg from 'pg';
import { getPool } from '../db.ts';
import { CHECKLIST_SEEDS } from '../../shared/releases.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.Client, 'query'>;

export async function ensureReleaseChecklist(db: Queryable = getPool()): Promise<number> {
  const rows = CHECKLIST_SEEDS.map((s, i) => ({ seed_key: s.seedKey, title: s.title, provider: s.provider, success_events: s.successEvents.join(','), min_successes: s.minSuccesses ?? 1, position: (i + 1) * 10 }));
  const result = await db.query(
    `INSERT INTO release_check_items (id, seed_key, title, provider, success_events, min_successes, position, updated_at)
     SELECT gen_random_uuid(), r.seed_key, r.title, r.provider, string_to_array(r.success_events, ','), r.min_successes, r.position, now()
     FROM jsonb_to_recordset($1::jsonb) AS r(seed_key text, title text, provider text, success_events text, min_successes int, position int)
     ON CONFLICT (seed_key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return result.rowCount ?? 0;
}
