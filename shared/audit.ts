// The audit log as staff read it (issue 9): who did what to which target, when, before/after.
// Append-only: the product has no procedure that edits or deletes a row.
import { z } from 'zod';
import { ZInputDate } from './input-date.ts';

export const AUDIT_PAGE_MAX = 200;

export const ZAuditListInput = z
  .object({
    /** Part of the actor's e-mail or name, case-insensitive. */
    actor: z.string().trim().min(1).max(200, { error: 'At most 200 characters' }).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    targetType: z.string().trim().min(1).max(100).optional(),
    targetId: z.string().trim().min(1).max(200).optional(),
    from: ZInputDate.optional(),
    to: ZInputDate.optional(),
    cursor: z.uuid().optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { path: ['to'], message: 'The end must be after the start' });
export type TAuditListInput = z.input<typeof ZAuditListInput>;

const ZJson: z.ZodType<unknown> = z.unknown();

export const ZAuditEntry = z.object({
  id: z.string(),
  createdAt: z.date(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** Null for the system (seed, jobs) or a deleted account. */
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  before: ZJson,
  after: ZJson,
  requestId: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditListOutput = z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() });

/** The values the filters offer: every action and target type that has been recorded. */
export const ZAuditFacets = z.object({ actions: z.array(z.string()), targetTypes: z.array(z.string()) });
