// One path for both ways a release arrives (admin form, CI through POST /api/releases), so the
// rules and the audit row are the same. A repeated (environment, version) is a CONFLICT with a
// field error: CI retrying a timed-out call learns it was recorded.
import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ZReleaseCreateInput, type TRelease, type TReleaseCreateInput } from '../../shared/releases.ts';
import { releaseSelect, toRelease } from './release-select.ts';

export type ReleaseRecorder = { kind: 'user'; userId: string } | { kind: 'api'; apiKeyId: string };

export async function recordRelease(opts: { input: TReleaseCreateInput; by: ReleaseRecorder; requestId?: string }): Promise<TRelease> {
  const input = ZReleaseCreateInput.parse(opts.input);
  return getDb().$transaction(async (tx) => {
    const existing = await tx.release.findUnique({ where: { environment_version: { environment: input.environment, version: input.version } }, select: { id: true } });
    if (existing) {
      throw new AppError('CONFLICT', `Release ${input.version} (${input.environment}) is already recorded`, {
        fieldErrors: { version: [`${input.version} is already recorded for ${input.environment}`] },
        releaseId: existing.id,
      });
    }
    const row = await tx.release.create({
      data: {
        version: input.version,
        environment: input.environment,
        commitSha: input.commitSha,
        notes: input.notes,
        releasedAt: input.releasedAt ?? new Date(),
        source: opts.by.kind === 'api' ? 'api' : 'ui',
        createdById: opts.by.kind === 'user' ? opts.by.userId : null,
        apiKeyId: opts.by.kind === 'api' ? opts.by.apiKeyId : null,
      },
      select: releaseSelect,
    });
    await recordAudit(
      {
        actorId: opts.by.kind === 'user' ? opts.by.userId : null,
        action: 'release.create',
        targetType: 'Release',
        targetId: row.id,
        after: { version: row.version, environment: row.environment, releasedAt: row.releasedAt.toISOString(), source: row.source, ...(opts.by.kind === 'api' ? { apiKeyId: opts.by.apiKeyId } : {}) },
        requestId: opts.requestId,
      },
      tx,
    );
    return toRelease(row);
  });
}
