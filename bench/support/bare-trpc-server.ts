// The load benchmark's floor: tRPC's Express adapter with one procedure and nothing else (no
// database, no session, no logging, no helmet, no transformer). What the product's routes lose
// against this is the product's own cost. `node --import tsx bench/support/bare-trpc-server.ts`;
// prints {"port": N} once it listens on a free port. With BARE_ANSWERS_FILE (a JSON object of
// name -> answer), each name is also a procedure answering that value as it is: a floor for
// routes whose answers are large, which costs serializing and sending however they were made.
import express from 'express';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { initTRPC } from '@trpc/server';
import * as trpcExpress from '@trpc/server/adapters/express';

const t = initTRPC.create();
const answers = process.env.BARE_ANSWERS_FILE ? (JSON.parse(readFileSync(process.env.BARE_ANSWERS_FILE, 'utf8')) as Record<string, unknown>) : {};
const router = t.router({
  ping: t.procedure.query(() => ({ ok: true as const, at: Date.now() })),
  ...Object.fromEntries(Object.entries(answers).map(([name, value]) => [name, t.procedure.query(() => value)])),
});

const app = express();
app.disable('x-powered-by');
app.use('/trpc', trpcExpress.createExpressMiddleware({ router }));
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
