// The processes that run jobs, with their heartbeat status and the locks each holds.
import { getDb, getPool, type Prisma } from '../db.ts';
import { jobWorkerStatus, type TJobWorkersOutput } from '../../shared/jobs.ts';
import { AGENDA_TABLE, agendaTableExists } from './agenda-table.ts';

const workerSelect = {
  name: true,
  kind: true,
  host: true,
  pid: true,
  startedAt: true,
  lastHeartbeatAt: true,
  heartbeatMs: true,
  jobs: true,
  runningCount: true,
} satisfies Prisma.JobWorkerSelect;

type LockRow = { id: string; name: string; locked_at: Date; holder: string | null };

export async function listJobWorkers(): Promise<TJobWorkersOutput> {
  const [workers, locks] = await Promise.all([
    getDb().jobWorker.findMany({ orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: workerSelect }),
    lockedJobs(),
  ]);
  const now = new Date();
  const names = new Set(workers.map((w) => w.name));
  return {
    workers: workers.map((w) => ({
      ...w,
      status: jobWorkerStatus(w.lastHeartbeatAt, w.heartbeatMs, now),
      locks: locks.filter((l) => l.holder === w.name).map((l) => ({ id: l.id, name: l.name, lockedAt: l.locked_at })),
    })),
    orphanLocks: locks.filter((l) => !l.holder || !names.has(l.holder)).map((l) => ({ id: l.id, name: l.name, lockedAt: l.locked_at, holder: l.holder })),
  };
}

async function lockedJobs(): Promise<LockRow[]> {
  if (!(await agendaTableExists())) return [];
  const { rows } = await getPool().query<LockRow>(
    `SELECT id::text AS id, name, locked_at, last_modified_by AS holder FROM "${AGENDA_TABLE}" WHERE locked_at IS NOT NULL ORDER BY locked_at`,
  );
  return rows;
}
