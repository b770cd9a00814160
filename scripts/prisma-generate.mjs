// `prisma generate` does not run the schema engine, but the CLI insists on finding one and
// downloads it when missing, which fails offline. Point it at any file only when no real
// engine is installed, so machines with network access keep Prisma's normal behaviour.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const env = { ...process.env };
const enginesDir = path.join('node_modules', '@prisma', 'engines');
const hasEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = path.join(tmpdir(), 'opsdeck-prisma-no-engine');
  writeFileSync(placeholder, '');
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}
execFileSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
