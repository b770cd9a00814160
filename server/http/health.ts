import { Router } from 'express';
import { getPool } from '../db.ts';
import { migrationStatus } from '../dev/schema-engine.ts';

/** Migrations not yet applied, or applied only halfway (a failed migration blocks readiness too). */
export async function pendingMigrations(): Promise<string[]> {
  const status = await migrationStatus(getPool());
  return [...status.failed, ...status.pending];
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
