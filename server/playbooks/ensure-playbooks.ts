// Inserts the seeded first version of each provider's playbook when that provider has none yet
// (never overwriting: admins own the text from then on). Playbook rows are never deleted, so a
// playbook an admin rewrote is not seeded again. Runs at boot and on the test template.
import type pg from 'pg';
import { getPool } from '../db.ts';
import { PLAYBOOK_SEEDS } from './playbook-seeds.ts';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.Client, 'query'>;

export async function ensurePlaybooks(db: Queryable = getPool()): Promise<number> {
  const rows = JSON.stringify(PLAYBOOK_SEEDS.map((s) => ({ provider: s.provider, markdown: s.markdown, sections: s.sections })));
  const result = await db.query(
    `WITH seeds AS (
       SELECT r.provider, r.markdown, r.sections FROM jsonb_to_recordset($1::jsonb) AS r(provider text, markdown text, sections jsonb)
     ), inserted AS (
       INSERT INTO playbooks (provider, markdown, sections, version, updated_at)
       SELECT provider, markdown, sections, 1, now() FROM seeds
       ON CONFLICT (provider) DO NOTHING
       RETURNING provider, markdown, sections
     )
     INSERT INTO playbook_versions (id, provider, version, markdown, sections, note)
     SELECT gen_random_uuid(), provider, 1, markdown, sections, 'Seeded from the runbook' FROM inserted
     ON CONFLICT (provider, version) DO NOTHING`,
    [rows],
  );
  return result.rowCount ?? 0;
}
