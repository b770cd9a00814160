// The checklist items admins edit (IH-8: "Admins edit the items"). Every change is audited with
// the item as it was; removing archives, so past overrides keep their item.
import type { z } from 'zod';
import { getDb, type Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZCheckItemInput, ZCheckItemUpdateInput, type TCheckItem } from '../../shared/releases.ts';
import { checkItemSelect, listActiveCheckItems } from './release-select.ts';

export function listCheckItems(): Promise<TCheckItem[]> {
  return listActiveCheckItems(getDb());
}

async function assertProvider(tx: Pick<Db, 'provider'>, key: string) {
  const p = await tx.provider.findUnique({ where: { key }, select: { key: true } });
  if (!p) throw new AppError('INVALID_INPUT', `No provider "${key}"`, { fieldErrors: { provider: [`No provider "${key}" in the catalog`] } });
}

export async function createCheckItem(opts: { input: z.input<typeof ZCheckItemInput>; actorId: string; requestId?: string }): Promise<TCheckItem> {
  const input = ZCheckItemInput.parse(opts.input);
  return getDb().$transaction(async (tx) => {
    await assertProvider(tx, input.provider);
    const last = await tx.releaseCheckItem.aggregate({ where: { archivedAt: null }, _max: { position: true } });
    const row = await tx.releaseCheckItem.create({
      data: { ...input, successEvents: [...new Set(input.successEvents)], position: input.position ?? (last._max.position ?? 0) + 10 },
      select: checkItemSelect,
    });
    await recordAudit({ actorId: opts.actorId, action: 'release.item.create', targetType: 'ReleaseCheckItem', targetId: row.id, after: row, requestId: opts.requestId }, tx);
    return row;
  });
}

export async function updateCheckItem(opts: { input: z.input<typeof ZCheckItemUpdateInput>; actorId: string; requestId?: string }): Promise<TCheckItem> {
  const { id, ...input } = ZCheckItemUpdateInput.parse(opts.input);
  return getDb().$transaction(async (tx) => {
    const before = await tx.releaseCheckItem.findFirst({ where: { id, archivedAt: null }, select: checkItemSelect });
    if (!before) throw new AppError('NOT_FOUND', 'No such checklist item');
    await assertProvider(tx, input.provider);
    const row = await tx.releaseCheckItem.update({
      where: { id },
      data: { ...input, successEvents: [...new Set(input.successEvents)], position: input.position ?? before.position },
      select: checkItemSelect,
    });
    await recordAudit({ actorId: opts.actorId, action: 'release.item.update', targetType: 'ReleaseCheckItem', targetId: id, before, after: row, requestId: opts.requestId }, tx);
    return row;
  });
}

export async function archiveCheckItem(opts: { id: string; actorId: string; requestId?: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const before = await tx.releaseCheckItem.findFirst({ where: { id: opts.id, archivedAt: null }, select: checkItemSelect });
    if (!before) throw new AppError('NOT_FOUND', 'No such checklist item');
    await tx.releaseCheckItem.update({ where: { id: opts.id }, data: { archivedAt: new Date() }, select: { id: true } });
    await recordAudit({ actorId: opts.actorId, action: 'release.item.archive', targetType: 'ReleaseCheckItem', targetId: opts.id, before, requestId: opts.requestId }, tx);
  });
}
