// A person's verdict on one check (e.g. "tested the PayTR withdraw by hand"), with the note
// that says why; replacing or clearing it is audited with the previous verdict.
import type { z } from 'zod';
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZOverrideInput } from '../../shared/releases.ts';

async function assertExists(tx: Pick<import('../db.ts').Db, 'release' | 'releaseCheckItem'>, releaseId: string, itemId: string) {
  const [release, item] = await Promise.all([
    tx.release.findUnique({ where: { id: releaseId }, select: { id: true } }),
    tx.releaseCheckItem.findUnique({ where: { id: itemId }, select: { id: true, archivedAt: true } }),
  ]);
  if (!release) throw new AppError('NOT_FOUND', 'No such release');
  if (!item || item.archivedAt) throw new AppError('NOT_FOUND', 'No such checklist item');
}

export async function overrideReleaseCheck(opts: { input: z.input<typeof ZOverrideInput>; actorId: string; requestId?: string }) {
  const input = ZOverrideInput.parse(opts.input);
  await getDb().$transaction(async (tx) => {
    await assertExists(tx, input.releaseId, input.itemId);
    const key = { releaseId_itemId: { releaseId: input.releaseId, itemId: input.itemId } };
    const before = await tx.releaseCheckOverride.findUnique({ where: key, select: { status: true, note: true } });
    await tx.releaseCheckOverride.upsert({
      where: key,
      create: { releaseId: input.releaseId, itemId: input.itemId, status: input.status, note: input.note, createdById: opts.actorId },
      update: { status: input.status, note: input.note, createdById: opts.actorId, createdAt: new Date() },
      select: { releaseId: true },
    });
    await recordAudit(
      { actorId: opts.actorId, action: 'release.check.override', targetType: 'Release', targetId: input.releaseId, before: before ? { itemId: input.itemId, ...before } : undefined, after: { itemId: input.itemId, status: input.status, note: input.note }, requestId: opts.requestId },
      tx,
    );
  });
}

export async function clearReleaseCheckOverride(opts: { input: { releaseId: string; itemId: string }; actorId: string; requestId?: string }) {
  await getDb().$transaction(async (tx) => {
    const key = { releaseId_itemId: opts.input };
    const before = await tx.releaseCheckOverride.findUnique({ where: key, select: { status: true, note: true } });
    if (!before) throw new AppError('NOT_FOUND', 'This check has no override');
    await tx.releaseCheckOverride.delete({ where: key, select: { releaseId: true } });
    await recordAudit(
      { actorId: opts.actorId, action: 'release.check.clear_override', targetType: 'Release', targetId: opts.input.releaseId, before: { itemId: opts.input.itemId, ...before }, requestId: opts.requestId },
      tx,
    );
  });
}
