import { Router } from 'express';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../config.ts';
import { getPool } from '../db.ts';

const MIGRATIONS_DIR = path.join(ROOT_DIR, 'prisma', 'migrations');

function migrationsOnDisk(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Applied = recorded as finished and not rolled back in Prisma's own history table. */
export async function pendingMigrations(): Promise<string[]> {
  const onDisk = migrationsOnDisk();
  const { rows } = await getPool().query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return onDisk.filter((name) => !applied.has(name));
}

export function healthRoutes(): Router {
  const routes = Router();
  // Liveness: the process answers. Never touches the database, so a slow database does not get us restarted.
  routes.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  // Readiness: we can serve requests, i.e. the database answers and its schema is current.
  routes.get('/readyz', async (_req, res) => {
    try {
      const pending = await pendingMigrations();
      if (pending.length) {
        res.status(503).json({ status: 'not_ready', database: 'ok', pendingMigrations: pending });
        return;
      }
      res.json({ status: 'ready', database: 'ok', migrations: 'applied' });
    } catch (error) {
      res.status(503).json({ status: 'not_ready', database: 'unreachable', error: (error as Error).message });
    }
  });
  return routes;
}
