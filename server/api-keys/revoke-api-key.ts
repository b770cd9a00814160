import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { apiKeySelect } from './api-key-select.ts';
import { forgetApiKey } from './find-api-key.ts';

export async function revokeApiKey(opts: { id: string; actorId: string; requestId?: string }) {
  const revoked = await getDb().$transaction(async (tx) => {
    const current = await tx.apiKey.findUnique({ where: { id: opts.id }, select: apiKeySelect });
    if (!current) throw new AppError('NOT_FOUND', 'No such API key');
    if (current.revokedAt) return current;
    const after = await tx.apiKey.update({ where: { id: opts.id }, data: { revokedAt: new Date() }, select: { ...apiKeySelect, keyHash: true } });
    await recordAudit({ actorId: opts.actorId, action: 'api_key.revoke', targetType: 'ApiKey', targetId: opts.id, before: { name: current.name }, requestId: opts.requestId }, tx);
    forgetApiKey(after.keyHash);
    const { keyHash: _hash, ...rest } = after;
    return rest;
  });
  return revoked;
}
