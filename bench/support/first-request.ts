// The first feed request of a freshly started process: `node --import tsx
// bench/support/first-request.ts <feed path> [etag]`, with the environment the benchmark set up.
// Starts the way server/main.ts does (boot, then the app), so connection set-up and whatever
// boot warms are not billed to the request, and nothing else is warmed. Prints one JSON line.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpuMeter, request } from './measure.ts';

const [path, etag] = process.argv.slice(2);
if (!path) throw new Error('usage: first-request.ts <feed path> [etag]');

const { boot } = await import('../../server/boot.ts');
const booted = await boot({ migrate: false });
// As server/main.ts: the feed path is warmed before the server listens.
const { warmUpFeedPath } = await import('../../server/ics/warm-up-feed-path.ts');
await warmUpFeedPath();
const { createApp } = await import('../../server/http/app.ts');
const { flushFeedWrites } = await import('../../server/ics/write-behind.ts');
const server = createApp().listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// The peak RSS of this process image (VmHWM). Not resourceUsage().maxRSS: Linux carries the
// parent's peak across fork and exec into that figure.
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
const peakRssBefore = peakRss();
const stopMeter = cpuMeter(Number(process.env.BENCH_POSTMASTER_PID))();
const result = await request(base, path, { headers: etag ? { 'if-none-match': etag } : {} });
const cpu = stopMeter();
const memory = process.memoryUsage();
const storeStarted = performance.now();
await flushFeedWrites();
const storeMs = performance.now() - storeStarted;
process.stdout.write(
  `${JSON.stringify({ ...result, cpu, storeMs, heapUsed: memory.heapUsed, rss: memory.rss, peakRssBefore, peakRss: peakRss() })}\n`,
);
server.close();
server.closeAllConnections();
await booted.close();
