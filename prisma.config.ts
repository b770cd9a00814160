// Used by the stock Prisma CLI on machines that can download its engine.
// Offline, scripts/db.ts drives the WebAssembly schema engine instead.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/opsdeck' },
});
