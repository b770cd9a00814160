// Per-provider mutes: notifications for the provider are not sent until the mute expires or
// is ended (incidents still open and show on the pages; the timeline says what was held back).
import { z } from 'zod';
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZMuteCreateInput, type TMute } from '../../shared/alerts.ts';

const muteSelect = { id: true, provider: true, until: true, reason: true, createdAt: true, createdBy: { select: { name: true } } } satisfies Prisma.ProviderMuteSelect;
type Row = Prisma.ProviderMuteGetPayload<{ select: typeof muteSelect }>;
const toMute = ({ createdBy, ...r }: Row): TMute => ({ ...r, createdBy: createdBy?.name ?? null });

type Actor = { actorId: string; requestId?: string };

export async function listActiveMutes(opts: { now?: Date } = {}): Promise<TMute[]> {
  const rows = await getDb().providerMute.findMany({ where: { endedAt: null, until: { gt: opts.now ?? new Date() } }, orderBy: { until: 'asc' }, select: muteSelect });
  return rows.map(toMute);
}

export async function createMute(opts: Actor & { input: z.input<typeof ZMuteCreateInput>; now?: Date }): Promise<TMute> {
  const input = ZMuteCreateInput.parse(opts.input);
  const now = opts.now ?? new Date();
  return getDb().$transaction(async (tx) => {
    const provider = await tx.provider.findUnique({ where: { key: input.provider }, select: { key: true } });
    if (!provider) throw new AppError('NOT_FOUND', `No provider "${input.provider}"`);
    const row = toMute(await tx.providerMute.create({ data: { provider: input.provider, until: new Date(now.getTime() + input.minutes * 60_000), reason: input.reason, createdById: opts.actorId }, select: muteSelect }));
    await recordAudit({ actorId: opts.actorId, action: 'provider.mute', targetType: 'provider', targetId: input.provider, after: { muteId: row.id, until: row.until.toISOString(), reason: row.reason }, requestId: opts.requestId }, tx);
    return row;
  });
}

export async function endMute(opts: Actor & { input: { id: string } }): Promise<{ id: string }> {
  return getDb().$transaction(async (tx) => {
    const found = await tx.providerMute.findUnique({ where: { id: opts.input.id }, select: { id: true, provider: true, until: true, reason: true, endedAt: true } });
    if (!found) throw new AppError('NOT_FOUND', 'No such mute');
    if (found.endedAt) throw new AppError('CONFLICT', 'This mute has already ended');
    await tx.providerMute.update({ where: { id: found.id }, data: { endedAt: new Date() }, select: { id: true } });
    await recordAudit({ actorId: opts.actorId, action: 'provider.unmute', targetType: 'provider', targetId: found.provider, before: { muteId: found.id, until: found.until.toISOString(), reason: found.reason }, requestId: opts.requestId }, tx);
    return { id: found.id };
  });
}
