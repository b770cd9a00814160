// Notification channels (admins). A webhook URL is a credential (a Slack incoming-webhook URL
// is all it takes to post): it is written, never read back; lists and audit rows carry the host.
import { z } from 'zod';
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZChannelCreateInput, ZChannelUpdateInput, type TChannel } from '../../shared/alerts.ts';

const channelSelect = { id: true, name: true, kind: true, url: true, enabled: true, createdAt: true, updatedAt: true } satisfies Prisma.NotificationChannelSelect;
type Row = Prisma.NotificationChannelGetPayload<{ select: typeof channelSelect }>;

export function urlHint(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

const toChannel = ({ url, ...row }: Row): TChannel => ({ ...row, urlHint: urlHint(url) });
const auditView = (c: TChannel) => ({ name: c.name, kind: c.kind, urlHint: c.urlHint, enabled: c.enabled });

type Actor = { actorId: string; requestId?: string };

export async function listChannels(): Promise<TChannel[]> {
  const rows = await getDb().notificationChannel.findMany({ orderBy: [{ createdAt: 'asc' }], select: channelSelect });
  return rows.map(toChannel);
}

export async function createChannel(opts: Actor & { input: z.input<typeof ZChannelCreateInput> }): Promise<TChannel> {
  const input = ZChannelCreateInput.parse(opts.input);
  return getDb().$transaction(async (tx) => {
    const row = toChannel(await tx.notificationChannel.create({ data: { name: input.name, kind: input.kind, url: input.kind === 'EMAIL' ? null : input.url!, enabled: input.enabled }, select: channelSelect }));
    await recordAudit({ actorId: opts.actorId, action: 'notification_channel.create', targetType: 'notification_channel', targetId: row.id, after: auditView(row), requestId: opts.requestId }, tx);
    return row;
  });
}

export async function updateChannel(opts: Actor & { input: z.input<typeof ZChannelUpdateInput> }): Promise<TChannel> {
  const input = ZChannelUpdateInput.parse(opts.input);
  return getDb().$transaction(async (tx) => {
    const found = await tx.notificationChannel.findUnique({ where: { id: input.id }, select: channelSelect });
    if (!found) throw new AppError('NOT_FOUND', 'No such channel');
    if (input.url && found.kind === 'EMAIL') throw new AppError('INVALID_INPUT', 'An e-mail channel has no URL', { fieldErrors: { url: ['An e-mail channel has no URL'] } });
    const before = toChannel(found);
    const row = toChannel(
      await tx.notificationChannel.update({
        where: { id: input.id },
        data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.url ? { url: input.url } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}) },
        select: channelSelect,
      }),
    );
    const after = { ...auditView(row), ...(input.url ? { urlChanged: true } : {}) };
    await recordAudit({ actorId: opts.actorId, action: 'notification_channel.update', targetType: 'notification_channel', targetId: row.id, before: auditView(before), after, requestId: opts.requestId }, tx);
    return row;
  });
}

/** Deletes the channel and its delivery rows (their history goes with it; the audit row stays). */
export async function deleteChannel(opts: Actor & { input: { id: string } }): Promise<{ id: string }> {
  return getDb().$transaction(async (tx) => {
    const found = await tx.notificationChannel.findUnique({ where: { id: opts.input.id }, select: channelSelect });
    if (!found) throw new AppError('NOT_FOUND', 'No such channel');
    await tx.notificationChannel.delete({ where: { id: found.id }, select: { id: true } });
    await recordAudit({ actorId: opts.actorId, action: 'notification_channel.delete', targetType: 'notification_channel', targetId: found.id, before: auditView(toChannel(found)), requestId: opts.requestId }, tx);
    return { id: found.id };
  });
}
