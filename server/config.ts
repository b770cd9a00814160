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
  // Agenda's job store: PostgreSQL (the product's database) by default, or MongoDB.
  AGENDA_BACKEND: z.enum(['postgres', 'mongodb'], { error: 'must be postgres or mongodb' }).default('postgres'),
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, { error: 'must be a mongodb:// or mongodb+srv:// URL' }).optional(),
  // Jobs dashboard (issue 9): how often each job process heartbeats, how long run records stay.
  JOB_HEARTBEAT_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(300).default(5),
  JOB_RUNS_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(400).default(14),
  // Raw integration events (and their idempotency keys) vs minute and hour rollups (issue 6).
  INTEGRATION_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  INTEGRATION_MINUTE_ROLLUPS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  INTEGRATION_ROLLUPS_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(400),
  // How long one answer of the health overview's queries is shared between callers (0: never).
  HEALTH_QUERY_SHARE_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).max(60_000).default(1000),
  // Reminder e-mail (issue 4, CAL-R1/R2). SMTP_FROM is checked below, where NODE_ENV is known.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  SMTP_FROM: z.string().trim().optional(),
  // The local mail catcher `npm start` runs when SMTP_URL is unset (never in production).
  MAIL_CATCHER: bool(true),
  MAIL_CATCHER_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(0),
  CALENDAR_SYNC_POLL_INTERVAL_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(86_400).default(60),
  REMINDER_GRACE_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).int().min(0).max(1440).default(0),
  REMINDER_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(50).default(5),
  // Google Calendar sync (issue 5). Unset client id outside production: the local stand-in.
  GOOGLE_CLIENT_ID: z.string().trim().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  GOOGLE_REDIRECT_URI: z.url({ error: 'must be an absolute URL' }).optional(),
  GOOGLE_API_BASE_URL: z.url({ error: 'must be an absolute URL' }).default('https://www.googleapis.com/'),
  GOOGLE_OAUTH_AUTH_URL: z.url({ error: 'must be an absolute URL' }).default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_OAUTH_TOKEN_URL: z.url({ error: 'must be an absolute URL' }).default('https://oauth2.googleapis.com/token'),
  GOOGLE_OAUTH_REVOKE_URL: z.url({ error: 'must be an absolute URL' }).default('https://oauth2.googleapis.com/revoke'),
  GOOGLE_STANDIN: bool(true),
  GOOGLE_STANDIN_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(0),
  // The periodic import that catches what lost webhooks did not announce.
  GOOGLE_SYNC_INTERVAL_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(30).max(86_400).default(300),
  GOOGLE_PUSH_DEBOUNCE_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).max(60_000).default(2000),
  GOOGLE_PUSH_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(50).default(8),
  GOOGLE_FULL_SYNC_PAST_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(0).max(3650).default(30),
  GOOGLE_FULL_SYNC_FUTURE_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(3650).default(365),
  // Prometheus scrapes: a bearer token for GET /metrics, and the worker's own metrics port.
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  WORKER_METRICS_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).optional(),
  // Alerts and incidents (issue 8).
  ALERTS_EVALUATE_INTERVAL_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(5, { error: 'must be at least 5 seconds' }).max(3600).default(60),
  ALERTS_HOLD_DOWN_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).max(86_400).default(600),
  ALERTS_NOTIFY_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(50).default(8),
  ALERTS_NOTIFY_RETRY_BASE_SEC: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(30),
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
  SMTP_URL: 'SMTP_URL=smtp://user:pass@smtp.example.com:587',
  SMTP_FROM: 'SMTP_FROM="Legal CRM <no-reply@legalcrm.local>"',
  CALENDAR_SYNC_POLL_INTERVAL_SEC: 'CALENDAR_SYNC_POLL_INTERVAL_SEC=60',
  MAIL_CATCHER_PORT: 'MAIL_CATCHER_PORT=1025',
  ALERTS_EVALUATE_INTERVAL_SEC: 'ALERTS_EVALUATE_INTERVAL_SEC=60',
  ALERTS_HOLD_DOWN_SEC: 'ALERTS_HOLD_DOWN_SEC=600',
};

/** Least poll interval of the reminder scan (CAL-R1): lower values are raised to it. */
export const MIN_POLL_INTERVAL_SEC = 30;
export const DEV_SMTP_FROM = 'opsdeck <reminders@opsdeck.local>';

/** `Display Name <local@domain>` (the name may be quoted); null when it is not that shape. */
export function parseMailbox(value: string): { name: string; address: string } | null {
  const match = /^\s*(?:"([^"]*)"|([^<>"]*?))\s*<([^<>\s@]+@[^<>\s@.]+(?:\.[^<>\s@.]+)*)>\s*$/.exec(value);
  if (!match) return null;
  const name = (match[1] ?? match[2] ?? '').trim();
  return name ? { name, address: match[3]! } : null;
}

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
  const problems: string[] = [];
  if (isProduction) {
    const missing = SECRET_NAMES.filter((n) => !env[n]);
    problems.push(...missing.map((n) => `${n}: required when NODE_ENV=production; example: ${EXAMPLES[n]}`));
    if (!env.DATABASE_URL) problems.push(`DATABASE_URL: required when NODE_ENV=production; example: ${EXAMPLES.DATABASE_URL}`);
    if (!env.PUBLIC_BASE_URL) problems.push(`PUBLIC_BASE_URL: required when NODE_ENV=production; example: ${EXAMPLES.PUBLIC_BASE_URL}`);
  }
  // CAL-R2: without a proper sender SMTP servers answer 550, so a bad one stops start-up.
  const smtpFrom = env.SMTP_FROM ?? (isProduction || env.SMTP_URL ? undefined : DEV_SMTP_FROM);
  const sender = smtpFrom === undefined ? null : parseMailbox(smtpFrom);
  if (smtpFrom === undefined) {
    problems.push(`SMTP_FROM: required when ${isProduction ? 'NODE_ENV=production' : 'SMTP_URL is set'}; example: ${EXAMPLES.SMTP_FROM}`);
  } else if (!sender) {
    problems.push(`SMTP_FROM: must be an address with a display name, Name <address@domain> (got "${smtpFrom}"); example: ${EXAMPLES.SMTP_FROM}`);
  }
  if (env.AGENDA_BACKEND === 'mongodb' && !env.MONGODB_URL) {
    problems.push('MONGODB_URL: required when AGENDA_BACKEND=mongodb; example: MONGODB_URL=mongodb://localhost:27017/opsdeck');
  }
  if (env.GOOGLE_CLIENT_ID && !env.GOOGLE_CLIENT_SECRET) {
    problems.push('GOOGLE_CLIENT_SECRET: required when GOOGLE_CLIENT_ID is set (Google Cloud console, OAuth client)');
  }
  if (problems.length) throw new ConfigError(problems);
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
    jobs: { backend: env.AGENDA_BACKEND, mongodbUrl: env.MONGODB_URL, heartbeatMs: env.JOB_HEARTBEAT_SEC * 1000, runsRetentionDays: env.JOB_RUNS_RETENTION_DAYS },
    demoPassword: env.DEMO_PASSWORD,
    healthQueryShareMs: env.HEALTH_QUERY_SHARE_MS,
    integrationRetention: {
      rawDays: env.INTEGRATION_EVENTS_RETENTION_DAYS,
      minuteRollupDays: env.INTEGRATION_MINUTE_ROLLUPS_RETENTION_DAYS,
      hourRollupDays: env.INTEGRATION_ROLLUPS_RETENTION_DAYS,
    },
    seedDemo: env.SEED_DEMO,
    metricsToken: env.METRICS_TOKEN,
    workerMetricsPort: env.WORKER_METRICS_PORT,
    smtp: { url: env.SMTP_URL, from: sender! },
    mailCatcher: {
      enabled: env.MAIL_CATCHER && !isProduction && !env.SMTP_URL,
      port: env.MAIL_CATCHER_PORT,
      discoveryFile: path.join(env.DATA_DIR, 'mail-catcher.json'),
    },
    google: {
      // Outside production without a client of our own, "Connect Google Calendar" talks to the
      // local stand-in the server starts (server/dev/google-standin), so the demo works offline.
      standin: {
        enabled: !env.GOOGLE_CLIENT_ID && env.GOOGLE_STANDIN && !isProduction,
        port: env.GOOGLE_STANDIN_PORT,
        discoveryFile: path.join(env.DATA_DIR, 'google-standin.json'),
      },
      clientId: env.GOOGLE_CLIENT_ID,
      clientSecret: env.GOOGLE_CLIENT_SECRET,
      redirectUri: env.GOOGLE_REDIRECT_URI,
      apiBaseUrl: env.GOOGLE_API_BASE_URL,
      authUrl: env.GOOGLE_OAUTH_AUTH_URL,
      tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL,
      revokeUrl: env.GOOGLE_OAUTH_REVOKE_URL,
      syncIntervalSec: env.GOOGLE_SYNC_INTERVAL_SEC,
      pushDebounceMs: env.GOOGLE_PUSH_DEBOUNCE_MS,
      pushMaxAttempts: env.GOOGLE_PUSH_MAX_ATTEMPTS,
      fullSyncPastDays: env.GOOGLE_FULL_SYNC_PAST_DAYS,
      fullSyncFutureDays: env.GOOGLE_FULL_SYNC_FUTURE_DAYS,
    },
    reminders: {
      pollIntervalSec: Math.max(MIN_POLL_INTERVAL_SEC, env.CALENDAR_SYNC_POLL_INTERVAL_SEC),
      requestedPollIntervalSec: env.CALENDAR_SYNC_POLL_INTERVAL_SEC,
      graceMinutes: env.REMINDER_GRACE_MINUTES,
      maxAttempts: env.REMINDER_MAX_ATTEMPTS,
    },
    alerts: {
      evaluateIntervalSec: env.ALERTS_EVALUATE_INTERVAL_SEC,
      holdDownSec: env.ALERTS_HOLD_DOWN_SEC,
      notifyMaxAttempts: env.ALERTS_NOTIFY_MAX_ATTEMPTS,
      notifyRetryBaseMs: env.ALERTS_NOTIFY_RETRY_BASE_SEC * 1000,
    },
  };
}

export type Config = ReturnType<typeof parseConfig>;

let cached: Config | undefined;
/** Parsed on first use so that tests and CLIs can set the environment before. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
