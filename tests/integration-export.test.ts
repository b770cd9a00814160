// GET /api/integration-events.csv over real HTTP: staff only, the same filters as the search,
// every page (more rows than one page), CSV quoting and formula guarding.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { createProvider } from '../server/integrations/manage-providers.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { csvCell, exportIntegrationEventsCsv } from '../server/integrations/export-integration-events.ts';
import { EXPORT_PATH } from '../shared/integration-health.ts';
import type { TIntegrationEvent } from '../shared/integrations.ts';
import { createTestUser, TEST_PASSWORD } from './support/factories.ts';

let server: Server;
let base: string;
const NOW = Date.now();
const key = `exp${NOW.toString(36)}`;

async function cookieFor(role: 'ADMIN' | 'SUPPORT' | 'USER') {
  const user = await createTestUser({ role });
  const res = await fetch(`${base}/api/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { email: user.email, password: TEST_PASSWORD } }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await createTestUser({ role: 'ADMIN' });
  await createProvider({ input: { key, displayName: 'Export test', tier: 'STANDARD', knownEvents: [`${key}_ok`, `${key}_error`] }, actorId: admin.id });
  const events: Partial<TIntegrationEvent>[] = [
    // 620 successes: more than one 500-row page of the search.
    ...Array.from({ length: 620 }, (_, i) => ({ event: `${key}_ok`, outcome: 'ok' as const, occurredAt: new Date(NOW - (i + 10) * 1000), latencyMs: 40 })),
    { event: `${key}_error`, outcome: 'error', errorCode: '502', errorMessage: 'upstream said "no", then =HYPERLINK(1)', occurredAt: new Date(NOW - 5000) },
    { event: `${key}_error`, outcome: 'error', errorCode: '401', errorMessage: 'token expired\nsecond line', occurredAt: new Date(NOW - 4000) },
  ];
  const prepared = events.map((e) =>
    prepareIntegrationEvent({ provider: key, ...e } as TIntegrationEvent, { key, tier: 'STANDARD', displayName: key }),
  );
  await writeIntegrationEvents(prepared, 'internal');
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const exportUrl = (query: Record<string, string>) => `${base}${EXPORT_PATH}?${new URLSearchParams(query)}`;

/** A small RFC 4180 reader: enough to prove the file parses back into the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('[IH][EXPORT] CSV of the filtered events', () => {
  it('401 signed out, 403 for a user, 400 for a bad filter', async () => {
    expect((await fetch(exportUrl({ provider: key }))).status).toBe(401);
    const user = await cookieFor('USER');
    expect((await fetch(exportUrl({ provider: key }), { headers: { cookie: user } })).status).toBe(403);
    const support = await cookieFor('SUPPORT');
    const bad = await fetch(exportUrl({ provider: key, from: 'yesterday' }), { headers: { cookie: support } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors.from[0]).toMatch(/ISO 8601/);
  });

  it('streams every matching row across pages, newest first, filtered like the list', async () => {
    const support = await cookieFor('SUPPORT');
    const all = await fetch(exportUrl({ provider: key }), { headers: { cookie: support } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="integration-events-${key}-\\d{8}-\\d{4}\\.csv"$`));
    // fetch's text() drops a BOM: read the bytes to see it is there.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await all.arrayBuffer());
    expect(text.startsWith('\uFEFFoccurredAt,provider,event,outcome,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows.length).toBe(1 + 622);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const times = rows.slice(1).map((r) => Date.parse(r[col('occurredAt')]!));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const errors = await fetch(exportUrl({ provider: key, outcome: 'error' }), { headers: { cookie: support } });
    const errorRows = parseCsv(await errors.text()).slice(1);
    expect(errorRows.map((r) => r[col('errorCode')])).toEqual(['401', '502']);
    expect(errorRows[0]![col('errorMessage')]).toBe('token expired\nsecond line');
    expect(errorRows[1]![col('errorMessage')]).toBe('upstream said "no", then =HYPERLINK(1)');

    const windowed = await fetch(exportUrl({ provider: key, from: new Date(NOW - 20_000).toISOString(), to: new Date(NOW - 4500).toISOString() }), {
      headers: { cookie: support },
    });
    // 10..20 s ago (11 successes, "from" inclusive) and the 502 at 5 s; the 401 at 4 s is after "to".
    expect(parseCsv(await windowed.text()).length - 1).toBe(12);
  });

  it('stops at the row cap and guards cells a spreadsheet would run as formulas', async () => {
    let rows = 0;
    for await (const chunk of exportIntegrationEventsCsv({ provider: key }, { maxRows: 7 })) rows += chunk.rows;
    expect(rows).toBe(7);
    expect(csvCell('=SUM(A1)')).toBe(`'=SUM(A1)`);
    expect(csvCell('@cmd')).toBe(`'@cmd`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});
