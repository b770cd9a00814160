// The delivery rows' hot path in plain SQL on the shared pool: a scan writes three statements per
// recipient and two per event, and through Prisma each cost ~1.5 ms of CPU in this process (its
// query interpreter), a third of a reminder's whole cost (bench/README.md, reminders). Reads for
// people (support's trail) stay on Prisma with an explicit select (list-reminder-deliveries.ts).
import { getPool } from '../db.ts';

export type DeliveryState = {
  id: string;
  eventId: string;
  recipient: string;
  recipientUserId: string | null;
  attempts: number;
  status: 'PENDING' | 'RETRYING' | 'SENT' | 'FAILED';
  nextAttemptAt: Date | null;
  smtpResponse: string | null;
};

// Columns are `timestamp(3) without time zone` holding UTC (Prisma's layout): values travel as
// ISO strings and come back through to_char, so no session or process time zone is involved.
const UTC = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, event_id AS "eventId", recipient, recipient_user_id AS "recipientUserId", attempts, status::text AS status,
  ${UTC('next_attempt_at')} AS "nextAttemptAt", smtp_response AS "smtpResponse"`;

type Raw = Omit<DeliveryState, 'nextAttemptAt'> & { nextAttemptAt: string | null };
const toState = (row: Raw): DeliveryState => ({ ...row, nextAttemptAt: row.nextAttemptAt ? new Date(row.nextAttemptAt) : null });

/**
 * One row per recipient of this reminder window, created if missing, in one statement: the
 * unique key (event, recipient, window) makes concurrent scans and re-claims share the rows.
 */
export async function ensureDeliveryRows(opts: { eventId: string; windowKey: string; recipients: { email: string; userId: string | null }[]; now: Date }): Promise<DeliveryState[]> {
  if (opts.recipients.length === 0) return [];
  const { rows } = await getPool().query<Raw>(
    `WITH wanted AS (SELECT * FROM unnest($2::text[], $3::uuid[]) AS w(recipient, user_id)),
     created AS (
       INSERT INTO reminder_deliveries (id, event_id, recipient, recipient_user_id, window_key, created_at)
       SELECT gen_random_uuid(), $1::uuid, recipient, user_id, $4, $5::timestamp FROM wanted
       ON CONFLICT (event_id, recipient, window_key) DO NOTHING
       RETURNING ${COLUMNS}
     )
     SELECT * FROM created
     UNION ALL
     SELECT ${COLUMNS} FROM reminder_deliveries
     WHERE event_id = $1::uuid AND window_key = $4 AND recipient IN (SELECT recipient FROM wanted)`,
    [opts.eventId, opts.recipients.map((r) => r.email), opts.recipients.map((r) => r.userId), opts.windowKey, opts.now.toISOString()],
  );
  return rows.map(toState);
}

/** Counts an attempt before the send, conditional on the count we read: a stale copy (another worker's) loses. */
export async function recordDeliveryAttempt(opts: { id: string; seenAttempts: number; at: Date }): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE reminder_deliveries SET attempts = $2 + 1, last_attempt_at = $3::timestamp
     WHERE id = $1 AND attempts = $2 AND status IN ('PENDING', 'RETRYING')`,
    [opts.id, opts.seenAttempts, opts.at.toISOString()],
  );
  return rowCount === 1;
}

export async function recordDeliverySent(opts: { id: string; at: Date; smtpResponse: string; messageId: string }): Promise<void> {
  await getPool().query(
    `UPDATE reminder_deliveries SET status = 'SENT', sent_at = $2::timestamp, smtp_response = $3, message_id = $4, error_code = NULL, next_attempt_at = NULL
     WHERE id = $1`,
    [opts.id, opts.at.toISOString(), opts.smtpResponse, opts.messageId],
  );
}

export async function recordDeliveryFailure(opts: { id: string; final: boolean; smtpResponse: string; errorCode: string | null; nextAttemptAt: Date | null }): Promise<void> {
  await getPool().query(
    `UPDATE reminder_deliveries SET status = $2::"ReminderDeliveryStatus", smtp_response = $3, error_code = $4, next_attempt_at = $5::timestamp
     WHERE id = $1`,
    [opts.id, opts.final ? 'FAILED' : 'RETRYING', opts.smtpResponse, opts.errorCode, opts.nextAttemptAt?.toISOString() ?? null],
  );
}
