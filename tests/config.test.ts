import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../server/config.ts';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'opsdeck-config-'));
const secret = 'x'.repeat(40);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('[CONFIG] environment parsing', () => {
  it('runs on defaults in development and generates secrets once into DATA_DIR/secrets.json', () => {
    const dir = freshDir();
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.port).toBe(3000);
    expect(first.sessionSecret).toHaveLength(64);
    expect(first.sessionSecret).not.toBe(first.icsSigningSecret);
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(true);
    const second = parseConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.tokenEncryptionKey).toBe(first.tokenEncryptionKey);
  });

  it('prefers an explicit secret over the generated one', () => {
    const dir = freshDir();
    const config = parseConfig({ DATA_DIR: dir, SESSION_SECRET: secret });
    expect(config.sessionSecret).toBe(secret);
    expect(JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).SESSION_SECRET).toBeUndefined();
  });

  it('reports one line per problem with the name, the reason and an example', () => {
    const problems = problemsOf({ DATA_DIR: freshDir(), PORT: 'eighty', DATABASE_URL: 'mysql://x', JOBS_IN_SERVER: 'maybe' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/port number.*"eighty".*example: PORT=3000/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/postgresql:\/\/ URL; example: DATABASE_URL=postgresql:/);
    expect(problems.find((p) => p.startsWith('JOBS_IN_SERVER:'))).toMatch(/true or false/);
  });

  it('never echoes secret values in error lines', () => {
    const problems = problemsOf({ DATA_DIR: freshDir(), SESSION_SECRET: 'short-secret-value' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SESSION_SECRET: must be at least 32 characters/);
    expect(problems[0]).not.toContain('short-secret-value');
  });

  it('requires every secret, DATABASE_URL and PUBLIC_BASE_URL explicitly in production', () => {
    const dir = freshDir();
    const problems = problemsOf({ NODE_ENV: 'production', DATA_DIR: dir });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(
      ['DATABASE_URL', 'ICS_SIGNING_SECRET', 'PUBLIC_BASE_URL', 'SESSION_SECRET', 'SMTP_FROM', 'TOKEN_ENCRYPTION_KEY'].sort(),
    );
    expect(existsSync(path.join(dir, 'secrets.json'))).toBe(false);
  });

  it('accepts a complete production environment', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://u:p@db:5432/opsdeck',
      PUBLIC_BASE_URL: 'https://ops.example.com',
      SESSION_SECRET: secret,
      ICS_SIGNING_SECRET: secret + 'a',
      TOKEN_ENCRYPTION_KEY: secret + 'b',
      JOBS_IN_SERVER: 'false',
      SMTP_FROM: 'Legal CRM <no-reply@legalcrm.local>',
    });
    expect(config.isProduction).toBe(true);
    expect(config.jobsInServer).toBe(false);
    expect(config.publicBaseUrl).toBe('https://ops.example.com');
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DATA_DIR: freshDir(), PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });
});

describe('[CONFIG][REMINDER] SMTP and reminder settings (CAL-R1, CAL-R2)', () => {
  it('defaults the sender in development without SMTP_URL, and the scan interval, grace and attempts', () => {
    const config = parseConfig({ DATA_DIR: freshDir() });
    expect(config.smtp).toEqual({ url: undefined, from: { name: 'opsdeck', address: 'reminders@opsdeck.local' } });
    expect(config.reminders).toEqual({ pollIntervalSec: 60, requestedPollIntervalSec: 60, graceMinutes: 0, maxAttempts: 5 });
  });

  it('accepts a sender with a display name, quoted or not', () => {
    const plain = parseConfig({ DATA_DIR: freshDir(), SMTP_URL: 'smtp://mail:1025', SMTP_FROM: 'Legal CRM <no-reply@legalcrm.local>' });
    expect(plain.smtp).toEqual({ url: 'smtp://mail:1025', from: { name: 'Legal CRM', address: 'no-reply@legalcrm.local' } });
    const quoted = parseConfig({ DATA_DIR: freshDir(), SMTP_FROM: '"Hukuk Bürosu, İstanbul" <hatirlatma@buro.com.tr>' });
    expect(quoted.smtp.from).toEqual({ name: 'Hukuk Bürosu, İstanbul', address: 'hatirlatma@buro.com.tr' });
  });

  it('rejects a sender without a display name or with a malformed address, one line each', () => {
    for (const from of ['no-reply@legalcrm.local', '<no-reply@legalcrm.local>', 'Legal CRM <no-reply>', 'Legal CRM no-reply@legalcrm.local']) {
      const problems = problemsOf({ DATA_DIR: freshDir(), SMTP_FROM: from });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SMTP_FROM: must be an address with a display name.*example: SMTP_FROM=/);
    }
  });

  it('requires SMTP_FROM when SMTP_URL is set, and always in production', () => {
    expect(problemsOf({ DATA_DIR: freshDir(), SMTP_URL: 'smtp://mail:1025' })).toEqual([
      expect.stringMatching(/^SMTP_FROM: required when SMTP_URL is set; example:/),
    ]);
    const production = problemsOf({ NODE_ENV: 'production', DATA_DIR: freshDir() });
    expect(production).toContainEqual(expect.stringMatching(/^SMTP_FROM: required when NODE_ENV=production/));
  });

  it('rejects a non-SMTP URL without echoing it (it may carry a password)', () => {
    const problems = problemsOf({ DATA_DIR: freshDir(), SMTP_URL: 'http://user:hunter2@mail' });
    expect(problems).toEqual([expect.stringMatching(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL; example:/)]);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('raises a poll interval below 30 seconds to 30 and keeps the requested value for the start-up log', () => {
    const config = parseConfig({ DATA_DIR: freshDir(), CALENDAR_SYNC_POLL_INTERVAL_SEC: '5', REMINDER_GRACE_MINUTES: '10', REMINDER_MAX_ATTEMPTS: '3' });
    expect(config.reminders).toEqual({ pollIntervalSec: 30, requestedPollIntervalSec: 5, graceMinutes: 10, maxAttempts: 3 });
    expect(parseConfig({ DATA_DIR: freshDir(), CALENDAR_SYNC_POLL_INTERVAL_SEC: '90' }).reminders.pollIntervalSec).toBe(90);
  });

  it('keeps jobs in PostgreSQL by default; AGENDA_BACKEND=mongodb needs a mongodb:// MONGODB_URL', () => {
    expect(parseConfig({ DATA_DIR: freshDir() }).jobs.backend).toBe('postgres');
    expect(problemsOf({ DATA_DIR: freshDir(), AGENDA_BACKEND: 'mongodb' })).toEqual([expect.stringMatching(/^MONGODB_URL: required when AGENDA_BACKEND=mongodb/)]);
    expect(problemsOf({ DATA_DIR: freshDir(), AGENDA_BACKEND: 'mongodb', MONGODB_URL: 'postgres://x' })[0]).toMatch(/^MONGODB_URL: must be a mongodb:\/\//);
    expect(problemsOf({ DATA_DIR: freshDir(), AGENDA_BACKEND: 'redis' })[0]).toMatch(/^AGENDA_BACKEND: must be postgres or mongodb/);
    const mongo = parseConfig({ DATA_DIR: freshDir(), AGENDA_BACKEND: 'mongodb', MONGODB_URL: 'mongodb://mongo:27017/opsdeck' });
    expect(mongo.jobs).toMatchObject({ backend: 'mongodb', mongodbUrl: 'mongodb://mongo:27017/opsdeck' });
  });

  it('requires GOOGLE_CLIENT_SECRET with GOOGLE_CLIENT_ID, and uses the stand-in only without a client outside production', () => {
    expect(problemsOf({ DATA_DIR: freshDir(), GOOGLE_CLIENT_ID: 'abc.apps.googleusercontent.com' })).toEqual([expect.stringMatching(/^GOOGLE_CLIENT_SECRET: required/)]);
    expect(parseConfig({ DATA_DIR: freshDir() }).google.standin.enabled).toBe(true);
    expect(parseConfig({ DATA_DIR: freshDir(), GOOGLE_STANDIN: 'false' }).google.standin.enabled).toBe(false);
    const real = parseConfig({ DATA_DIR: freshDir(), GOOGLE_CLIENT_ID: 'abc.apps.googleusercontent.com', GOOGLE_CLIENT_SECRET: 's3cret' });
    expect(real.google).toMatchObject({ standin: { enabled: false }, apiBaseUrl: 'https://www.googleapis.com/', tokenUrl: 'https://oauth2.googleapis.com/token' });
  });
});
