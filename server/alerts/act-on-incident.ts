// What people do to an incident: acknowledge, add a note, tick a playbook check, resolve by
// hand with a note. Each writes the timeline and an audit row in one transaction, after
// locking the incident row, so two people acting at once are serialised.
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { addTimelineEntry } from './timeline.ts';
import { queueNotifications } from './queue-notifications.ts';

type Actor = { actorId: string; requestId?: string };
type Locked = { id: string; provider: string; status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' };

async function withIncident<T>(id: string, fn: (tx: Prisma.TransactionClient, incident: Locked) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const [incident] = await tx.$queryRaw<Locked[]>`SELECT id, provider, status::text AS status FROM incidents WHERE id = ${id}::uuid FOR UPDATE`;
    if (!incident) throw new AppError('NOT_FOUND', 'No such incident');
    return fn(tx, incident);
  });
}

const audit = (tx: Prisma.TransactionClient, opts: Actor, action: string, incidentId: string, after: Prisma.InputJsonValue, before?: Prisma.InputJsonValue) =>
  recordAudit({ actorId: opts.actorId, action, targetType: 'incident', targetId: incidentId, before, after, requestId: opts.requestId }, tx);

export async function acknowledgeIncident(opts: Actor & { input: { id: string } }): Promise<{ id: string }> {
  return withIncident(opts.input.id, async (tx, incident) => {
    if (incident.status !== 'OPEN') throw new AppError('CONFLICT', incident.status === 'RESOLVED' ? 'The incident is already resolved' : 'The incident is already acknowledged');
    const now = new Date();
    await tx.incident.update({ where: { id: incident.id }, data: { status: 'ACKNOWLEDGED', acknowledgedAt: now, acknowledgedById: opts.actorId }, select: { id: true } });
    await addTimelineEntry(tx, { incidentId: incident.id, kind: 'ACKNOWLEDGED', actorId: opts.actorId, at: now });
    await audit(tx, opts, 'incident.acknowledge', incident.id, { status: 'ACKNOWLEDGED' }, { status: incident.status });
    return { id: incident.id };
  });
}

export async function addIncidentNote(opts: Actor & { input: { id: string; body: string } }): Promise<{ id: string }> {
  return withIncident(opts.input.id, async (tx, incident) => {
    await addTimelineEntry(tx, { incidentId: incident.id, kind: 'NOTE', actorId: opts.actorId, body: opts.input.body });
    await audit(tx, opts, 'incident.note', incident.id, { note: opts.input.body });
    return { id: incident.id };
  });
}

export async function setIncidentCheck(opts: Actor & { input: { id: string; line: number; text: string; checked: boolean } }): Promise<{ id: string }> {
  const { line, text, checked } = opts.input;
  return withIncident(opts.input.id, async (tx, incident) => {
    const existing = await tx.incidentCheck.findUnique({ where: { incidentId_line: { incidentId: incident.id, line } }, select: { line: true } });
    // Ticking a ticked check (two people at once) changes nothing and says nothing.
    if (checked === !!existing) return { id: incident.id };
    if (checked) await tx.incidentCheck.create({ data: { incidentId: incident.id, line, text, checkedById: opts.actorId }, select: { line: true } });
    else await tx.incidentCheck.delete({ where: { incidentId_line: { incidentId: incident.id, line } }, select: { line: true } });
    await addTimelineEntry(tx, { incidentId: incident.id, kind: checked ? 'CHECK_TICKED' : 'CHECK_UNTICKED', actorId: opts.actorId, body: text });
    await audit(tx, opts, checked ? 'incident.check' : 'incident.uncheck', incident.id, { line, text });
    return { id: incident.id };
  });
}

/** By hand, with a note. If the rules still fire, the next evaluation opens a new incident. */
export async function resolveIncident(opts: Actor & { input: { id: string; note: string } }): Promise<{ id: string }> {
  return withIncident(opts.input.id, async (tx, incident) => {
    if (incident.status === 'RESOLVED') throw new AppError('CONFLICT', 'The incident is already resolved');
    const now = new Date();
    await tx.incident.update({ where: { id: incident.id }, data: { status: 'RESOLVED', resolvedAt: now, resolvedById: opts.actorId }, select: { id: true } });
    await addTimelineEntry(tx, { incidentId: incident.id, kind: 'RESOLVED', actorId: opts.actorId, body: opts.input.note, at: now });
    await queueNotifications(tx, { incidentId: incident.id, provider: incident.provider, kind: 'RESOLVE', now });
    await audit(tx, opts, 'incident.resolve', incident.id, { status: 'RESOLVED', note: opts.input.note }, { status: incident.status });
    return { id: incident.id };
  });
}
