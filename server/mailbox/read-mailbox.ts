// The Mailbox procedures' service: summaries and details of what the mail catcher holds.
import { AppError } from '../errors.ts';
import { getMailCatcher, type CaughtMail, type MailCatcher } from '../dev/mail-catcher.ts';
import type { TMailDetail, TMailSummary, TMailboxListInput, TMailboxStatus } from '../../shared/mailbox.ts';
import { ZMailboxListInput } from '../../shared/mailbox.ts';

const SOURCE_LIMIT = 256 * 1024;

function requireCatcher(): MailCatcher {
  const catcher = getMailCatcher();
  // Not FORBIDDEN: nobody may read it, because it does not exist in this deployment.
  if (!catcher) throw new AppError('NOT_FOUND', 'The mailbox exists only while opsdeck runs its own mail catcher (SMTP_URL unset, not production)');
  return catcher;
}

function summary(mail: CaughtMail): TMailSummary {
  return {
    id: mail.id,
    receivedAt: mail.receivedAt,
    from: mail.from,
    envelopeFrom: mail.envelopeFrom,
    to: mail.envelopeTo,
    subject: mail.subject,
    size: mail.size,
    attachments: mail.attachments.length,
  };
}

export function mailboxStatus(): TMailboxStatus {
  const catcher = getMailCatcher();
  return { enabled: catcher !== null, smtpUrl: catcher?.url ?? null, count: catcher?.list().length ?? 0 };
}

export function listMailbox(raw: TMailboxListInput): { items: TMailSummary[]; total: number } {
  const input = ZMailboxListInput.parse(raw);
  const needle = input.search?.toLocaleLowerCase('en');
  const matches = requireCatcher()
    .list()
    .filter((m) => !needle || [m.from, m.envelopeFrom, m.subject, ...m.envelopeTo].some((v) => v?.toLocaleLowerCase('en').includes(needle)));
  return { items: matches.slice(0, input.limit).map(summary), total: matches.length };
}

export function getMail(id: string): TMailDetail {
  const mail = requireCatcher().get(id);
  if (!mail) throw new AppError('NOT_FOUND', 'No such message (the mailbox keeps the newest 500 and empties on restart)');
  return {
    ...summary(mail),
    headerTo: mail.to,
    messageId: mail.messageId,
    text: mail.text,
    html: mail.html,
    attachmentList: mail.attachments.map((a, index) => ({
      index,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      text: a.contentType.startsWith('text/') ? a.content.toString('utf8') : null,
    })),
    source: mail.raw.subarray(0, SOURCE_LIMIT).toString('utf8'),
    sourceTruncated: mail.raw.length > SOURCE_LIMIT,
  };
}

export function clearMailbox(): { deleted: number } {
  return { deleted: requireCatcher().clear() };
}
