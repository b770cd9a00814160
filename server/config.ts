// The one place that reads process.env (convention 7). Parsed once; a bad value
// stops start-up with one line per problem: the name, what is wrong, an example.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const secret = z
  .string()
  .min(32, { error: 'must be at least 32 characters (generate with: openssl rand -base64 48)' })
  .optional();

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgresql:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default(path.join(ROOT_DIR, '.data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_SECRET: secret,
  ICS_SIGNING_SECRET: secret,
  TOKEN_ENCRYPTION_KEY: secret,
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_WINDOW_SEC: z.coerce.number().int().min(10).default(15 * 60),
  JOBS_IN_SERVER: bool(true),
  // Raw integration events (and their idempotency keys) vs minute and hour rollups (issue 6).
  INTEGRATION_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  INTEGRATION_MINUTE_ROLLUPS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  INTEGRATION_ROLLUPS_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(400),
  DEMO_PASSWORD: z.string().min(12, { error: 'must be at least 12 characters' }).optional(),
  SEED_DEMO: bool(false),
});

type Env = z.infer<typeof ZEnv>;
const SECRET_NAMES = ['SESSION_SECRET', 'ICS_SIGNING_SECRET', 'TOKEN_ENCRYPTION_KEY'] as const;
type SecretName = (typeof SECRET_NAMES)[number];

const EXAMPLES: Record<string, string> = {
  PORT: 'PORT=3000',
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL=https://ops.example.com',
  DATABASE_URL: 'DATABASE_URL=postgresql://opsdeck:secret@localhost:5432/opsdeck',
  SESSION_SECRET: 'SESSION_SECRET=$(openssl rand -base64 48)',
  ICS_SIGNING_SECRET: 'ICS_SIGNING_SECRET=$(openssl rand -base64 48)',
  TOKEN_ENCRYPTION_KEY: 'TOKEN_ENCRYPTION_KEY=$(openssl rand -base64 48)',
  JOBS_IN_SERVER: 'JOBS_IN_SERVER=false',
  LOG_LEVEL: 'LOG_LEVEL=info',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Outside production, missing secrets are generated once into DATA_DIR/secrets.json
 * so a fresh clone runs with `npm start` alone and a restart keeps sessions valid.
 * Production must set them explicitly: a generated secret would differ per replica.
 */
function loadOrCreateDevSecrets(dataDir: string, env: Env): Record<SecretName, string> {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<Record<SecretName, string>> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {};
  let changed = false;
  for (const name of SECRET_NAMES) {
    if (!env[name] && !stored[name]) {
      stored[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, env[n] ?? stored[n]!])) as Record<SecretName, string>;
}

export function parseConfig(source: NodeJS.ProcessEnv) {
  // Empty strings in .env files mean "unset", not "empty value".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        const value = cleaned[name];
        const shown = value === undefined || /SECRET|KEY|PASSWORD|URL/.test(name) ? '' : ` (got "${value}")`;
        const example = EXAMPLES[name] ? `; example: ${EXAMPLES[name]}` : '';
        return `${name}: ${issue.message}${shown}${example}`;
      }),
    );
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction) {
    const missing = SECRET_NAMES.filter((n) => !env[n]);
    const problems = missing.map((n) => `${n}: required when NODE_ENV=production; example: ${EXAMPLES[n]}`);
    if (!env.DATABASE_URL) problems.push(`DATABASE_URL: required when NODE_ENV=production; example: ${EXAMPLES.DATABASE_URL}`);
    if (!env.PUBLIC_BASE_URL) problems.push(`PUBLIC_BASE_URL: required when NODE_ENV=production; example: ${EXAMPLES.PUBLIC_BASE_URL}`);
    if (problems.length) throw new ConfigError(problems);
  }
  const secrets = isProduction
    ? (Object.fromEntries(SECRET_NAMES.map((n) => [n, env[n]!])) as Record<SecretName, string>)
    : loadOrCreateDevSecrets(env.DATA_DIR, env);

  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir: env.DATA_DIR,
    logLevel: env.LOG_LEVEL,
    sessionSecret: secrets.SESSION_SECRET,
    icsSigningSecret: secrets.ICS_SIGNING_SECRET,
    tokenEncryptionKey: secrets.TOKEN_ENCRYPTION_KEY,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3600_000,
    signIn: { maxFailures: env.SIGN_IN_MAX_FAILURES, windowSec: env.SIGN_IN_WINDOW_SEC },
    jobsInServer: env.JOBS_IN_SERVER,
    demoPassword: env.DEMO_PASSWORD,
    integrationRetention: {
      rawDays: env.INTEGRATION_EVENTS_RETENTION_DAYS,
      minuteRollupDays: env.INTEGRATION_MINUTE_ROLLUPS_RETENTION_DAYS,
      hourRollupDays: env.INTEGRATION_ROLLUPS_RETENTION_DAYS,
    },
    seedDemo: env.SEED_DEMO,
  };
}

export type Config = ReturnType<typeof parseConfig>;

let cached: Config | undefined;
/** Parsed on first use so that tests and CLIs can set the environment before. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
