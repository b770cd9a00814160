// integrations.events: newest first, filtered, keyset-paged on (occurred_at, id) so paging
// is stable while new events arrive. Raw SQL because the table is written in bulk by SQL and
// the (provider, occurred_at DESC) index is what makes "provider, newest first" fast.
import { getPool } from '../db.ts';
import { AppError } from '../errors.ts';
import { ZEventSearchInput, type TEventSearchInput, type TStoredIntegrationEvent } from '../../shared/integration-health.ts';

type Cursor = { at: Date; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (!/^\d{1,19}$/.test(id) || Number.isNaN(date.getTime())) throw new Error('shape');
    return { at: date, id };
  } catch {
    throw new AppError('INVALID_INPUT', 'This page link is no longer valid', { fieldErrors: { cursor: ['Not a cursor from a previous page'] } });
  }
}

type Row = {
  id: string;
  provider: string;
  event: string;
  ok: boolean;
  occurred_at: Date;
  received_at: Date;
  latency_ms: number | null;
  error_code: string | null;
  error_message: string | null;
  error_class: string | null;
  fingerprint: string | null;
  correlation_id: string | null;
  subject: string | null;
  job_id: string | null;
  attempt: number;
  metadata: unknown;
  source: string;
};

export async function searchIntegrationEvents(raw: TEventSearchInput): Promise<{ items: TStoredIntegrationEvent[]; nextCursor: string | null }> {
  const input = ZEventSearchInput.parse(raw);
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (input.provider) add((n) => `provider = $${n}`, input.provider);
  if (input.event) add((n) => `event = $${n}`, input.event);
  if (input.outcome) add((n) => `ok = $${n}`, input.outcome === 'ok');
  if (input.errorClass) add((n) => `error_class = $${n}`, input.errorClass);
  if (input.fingerprint) add((n) => `fingerprint = $${n}`, input.fingerprint);
  if (input.from) add((n) => `occurred_at >= $${n}`, input.from);
  if (input.to) add((n) => `occurred_at < $${n}`, input.to);
  if (input.correlationId) add((n) => `correlation_id = $${n}`, input.correlationId);
  if (input.subject) add((n) => `subject = $${n}`, input.subject);
  if (input.text) {
    const like = `%${input.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((n) => `(error_message ILIKE $${n} OR error_code ILIKE $${n} OR event ILIKE $${n})`, like);
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    params.push(c.at, c.id);
    where.push(`(occurred_at, id) < ($${params.length - 1}, $${params.length}::int8)`);
  }
  params.push(input.limit + 1);
  const sql = `SELECT id::text, provider, event, ok, occurred_at, received_at, latency_ms, error_code, error_message, error_class, fingerprint,
      correlation_id, subject, job_id, attempt, metadata, source
    FROM integration_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`;
  const { rows } = await getPool().query<Row>(sql, params);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      provider: r.provider,
      event: r.event,
      outcome: r.ok ? 'ok' : 'error',
      occurredAt: r.occurred_at,
      receivedAt: r.received_at,
      latencyMs: r.latency_ms,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      errorClass: r.error_class,
      fingerprint: r.fingerprint,
      correlationId: r.correlation_id,
      subject: r.subject,
      jobId: r.job_id,
      attempt: r.attempt,
      metadata: r.metadata ?? null,
      source: r.source,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.occurred_at, id: last.id }) : null,
  };
}
