import { getDb } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { ICS_MAX_ACTIVE_LINKS, type TIcsLinkCreateInput, type TIcsLinkCreateOutput } from '../../shared/ics.ts';
import { generateIcsToken, icsFeedUrl } from './hash-ics-token.ts';
import { icsLinkSelect } from './ics-link-select.ts';

export async function createIcsLink(opts: {
  userId: string;
  input: TIcsLinkCreateInput;
  requestId?: string;
}): Promise<TIcsLinkCreateOutput> {
  const { token, tokenHash, prefix } = generateIcsToken();
  const link = await getDb().$transaction(async (tx) => {
    // Lock the owner's row so two concurrent creates cannot both pass the limit check.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${opts.userId}::uuid FOR UPDATE`;
    const active = await tx.icsToken.count({ where: { userId: opts.userId, revokedAt: null } });
    if (active >= ICS_MAX_ACTIVE_LINKS) {
      throw new AppError(
        'INVALID_INPUT',
        `You already have ${ICS_MAX_ACTIVE_LINKS} calendar links, the most allowed. Revoke one you no longer use first.`,
      );
    }
    const created = await tx.icsToken.create({
      data: { userId: opts.userId, name: opts.input.name, mode: opts.input.mode, tokenHash, prefix },
      select: icsLinkSelect,
    });
    await recordAudit(
      {
        actorId: opts.userId,
        action: 'ics_link.create',
        targetType: 'IcsToken',
        targetId: created.id,
        after: { name: created.name, mode: created.mode, prefix: created.prefix },
        requestId: opts.requestId,
      },
      tx,
    );
    return created;
  });
  // The only moment the token exists outside the client: it is not stored, so it cannot be shown again.
  return { link, url: icsFeedUrl(token) };
}
