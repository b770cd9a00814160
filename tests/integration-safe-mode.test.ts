// IH-1 SAFE MODE: health comes only from events written when a provider is really used.
// Every read the health console makes runs here with outbound connections recorded: the only
// place they may go is our own PostgreSQL.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerFor, createTestUser } from './support/factories.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { getPool } from '../server/db.ts';
import { logIntegrationEvent, flushIntegrationEvents } from '../server/integrations/log-integration-event.ts';

const dbPort = Number(new URL(testDatabaseUrl).port);
let connections: string[] = [];
const original = net.Socket.prototype.connect;

beforeEach(() => {
  connections = [];
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // Node passes (port, host), (options) or, from net.connect, an internal [options, callback] pair.
    const raw = Array.isArray(args[0]) ? args[0][0] : args[0];
    const target =
      typeof raw === 'object' && raw !== null
        ? ((raw as { path?: string }).path ?? `${(raw as { host?: string }).host ?? 'localhost'}:${(raw as { port?: number }).port}`)
        : typeof raw === 'number' || /^\d+$/.test(String(raw))
          ? `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${raw}`
          : String(raw);
    connections.push(target);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});
afterEach(() => {
  net.Socket.prototype.connect = original;
});

describe('[IH-1][SAFE MODE]', () => {
  it('reading health, series, events and error groups opens no connection except to the database', async () => {
    logIntegrationEvent({ provider: 'mapbox', event: 'mapbox_error', outcome: 'error', errorCode: '503' });
    await flushIntegrationEvents();
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    // Drain idle connections so the pool has to open new ones inside the recorded span.
    await getPool().query('SELECT 1');
    for (const window of ['15m', '1h', '6h', '24h', '7d'] as const) {
      const summary = await admin.integrations.summary({ window });
      expect(summary.providers.length).toBeGreaterThanOrEqual(18);
      await admin.integrations.timeseries({ window });
      await admin.integrations.errorGroups({ window });
    }
    await admin.integrations.events({ provider: 'mapbox' });
    await admin.integrations.providers();
    const outbound = connections.filter((c) => !c.endsWith(`:${dbPort}`) && !c.includes('.s.PGSQL.'));
    expect(outbound).toEqual([]);
  });

  it('the recorder itself sees outbound connections (so the test above can fail)', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => net.connect(port, '127.0.0.1', () => resolve()).on('error', () => resolve()));
    server.close();
    expect(connections).toContain(`127.0.0.1:${port}`);
  });
});
