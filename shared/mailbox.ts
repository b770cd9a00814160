// The development Mailbox (issue 4, CAL-O1): what the local mail catcher received. It exists
// only while the server runs its own catcher (SMTP_URL unset, not production).
import { z } from 'zod';

export const MAILBOX_PAGE_MAX = 200;

export const ZMailboxStatus = z.object({
  /** False when mail goes to a real SMTP server (SMTP_URL) or in production. */
  enabled: z.boolean(),
  /** The catcher's SMTP URL, for pointing other tools at it. */
  smtpUrl: z.string().nullable(),
  count: z.number().int(),
});
export type TMailboxStatus = z.infer<typeof ZMailboxStatus>;

export const ZMailboxListInput = z.object({
  /** Matches sender, recipients and subject, case-insensitively. */
  search: z.string().trim().max(200, { error: 'At most 200 characters' }).optional(),
  limit: z.number().int().min(1).max(MAILBOX_PAGE_MAX).default(50),
});
export type TMailboxListInput = z.input<typeof ZMailboxListInput>;

export const ZMailSummary = z.object({
  id: z.string(),
  receivedAt: z.date(),
  from: z.string().nullable(),
  envelopeFrom: z.string(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  size: z.number().int(),
  attachments: z.number().int(),
});
export type TMailSummary = z.infer<typeof ZMailSummary>;

export const ZMailboxListOutput = z.object({
  items: z.array(ZMailSummary),
  /** Messages that matched, beyond the page too. */
  total: z.number().int(),
});

export const ZMailAttachment = z.object({
  index: z.number().int(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int(),
  /** Text attachments (text/*, e.g. the reminder's .ics) travel as text; others not at all. */
  text: z.string().nullable(),
});

export const ZMailDetail = ZMailSummary.extend({
  headerTo: z.string().nullable(),
  messageId: z.string().nullable(),
  text: z.string().nullable(),
  html: z.string().nullable(),
  attachmentList: z.array(ZMailAttachment),
  /** The message as received, cut at 256 KiB. */
  source: z.string(),
  sourceTruncated: z.boolean(),
});
export type TMailDetail = z.infer<typeof ZMailDetail>;

export const ZMailId = z.object({ id: z.uuid({ error: 'Not a message id' }) });
