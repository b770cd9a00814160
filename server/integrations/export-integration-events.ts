// The CSV export of an event search: the same filters and order as integrations.events, read
// page by page with its keyset cursor, so an export of 100k rows never holds them all in memory.
import { EXPORT_MAX_ROWS, type TEventFilter, type TStoredIntegrationEvent } from '../../shared/integration-health.ts';
import { searchIntegrationEvents } from './search-integration-events.ts';

const PAGE = 500;

export const CSV_COLUMNS = [
  'occurredAt',
  'provider',
  'event',
  'outcome',
  'latencyMs',
  'errorClass',
  'errorCode',
  'errorMessage',
  'attempt',
  'correlationId',
  'subject',
  'jobId',
  'fingerprint',
  'source',
  'id',
  'metadata',
] as const satisfies readonly (keyof TStoredIntegrationEvent)[];

/**
 * RFC 4180 quoting, and a leading ' before =, +, - and @ so a spreadsheet never runs a cell
 * as a formula (error messages come from providers and users, not from us).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(event: TStoredIntegrationEvent): string {
  return CSV_COLUMNS.map((column) => csvCell(event[column])).join(',') + '\r\n';
}

/** Yields the header, then one chunk per page, newest first, at most maxRows rows. */
export async function* exportIntegrationEventsCsv(filter: TEventFilter, opts: { maxRows?: number } = {}): AsyncGenerator<{ csv: string; rows: number }> {
  const maxRows = opts.maxRows ?? EXPORT_MAX_ROWS;
  yield { csv: CSV_COLUMNS.join(',') + '\r\n', rows: 0 };
  let cursor: string | null = null;
  let written = 0;
  while (written < maxRows) {
    const page: Awaited<ReturnType<typeof searchIntegrationEvents>> = await searchIntegrationEvents({
      ...filter,
      cursor,
      limit: Math.min(PAGE, maxRows - written),
    });
    if (page.items.length) yield { csv: page.items.map(csvRow).join(''), rows: page.items.length };
    written += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) return;
  }
}
