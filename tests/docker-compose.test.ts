import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs here, so the file is checked as data: services, wiring, health checks.
describe('[DEPLOY] docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true });

  it('declares app, worker, postgres and mailhog', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mailhog', 'mongo', 'postgres', 'worker']);
    // MongoDB only runs with its profile: the default topology keeps jobs in PostgreSQL.
    expect(compose.services.mongo.profiles).toEqual(['mongo']);
    expect(compose.services.app.environment.AGENDA_BACKEND).toBe('${AGENDA_BACKEND:-postgres}');
  });

  it('splits jobs out of the web process and points both at the compose PostgreSQL', () => {
    const { app, worker } = compose.services;
    expect(app.environment.JOBS_IN_SERVER).toBe('false');
    expect(worker.command).toEqual(['npm', 'run', 'worker']);
    for (const svc of [app, worker]) {
      expect(svc.environment.DATABASE_URL).toMatch(/@postgres:5432\/opsdeck$/);
      expect(svc.environment.NODE_ENV).toBe('production');
      expect(svc.environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
    }
  });

  it('gates start-up on health checks', () => {
    expect(compose.services.app.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(compose.services.app.healthcheck.test.join(' ')).toContain('/readyz');
    expect(compose.services.worker.environment.WORKER_METRICS_PORT).toBe('9464');
    expect(compose.services.worker.healthcheck.test.join(' ')).toContain(':9464/metrics');
    expect(compose.services.mongo.healthcheck.test.join(' ')).toContain('ping');
  });
});
