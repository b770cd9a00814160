// CAL-R4 and CAL-R1: `npm run reminders:scan` (scripts/reminders-scan.ts) as a real process
// against this file's database and a real SMTP server, and the recurring job's registration.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../server/jobs/registry.ts';
import { remindersScanJob } from '../server/jobs/definitions/reminders-scan.ts';
import { createTestUser } from './support/factories.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { createEvent, reminderSentAt } from './support/reminder-fixtures.ts';

let smtp: SmtpTestServer;
beforeAll(async () => {
  smtp = await startSmtpTestServer();
});
afterAll(() => smtp.close());

function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/reminders-scan.ts'], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('[CAL-R4][REMINDER] npm run reminders:scan', () => {
  it('runs one scan, prints per event what it sent and failed, and exits 1 when something failed', async () => {
    const owner = await createTestUser();
    const soon = new Date(Date.now() + 10 * 60_000);
    const wall = soon.toISOString().slice(0, 16);
    const end = new Date(soon.getTime() + 3600_000).toISOString().slice(0, 16);
    const event = await createEvent(owner, { title: 'Keşif', start: wall, end, reminderMinutes: 30, attendees: [{ email: 'refuses@example.com' }] });
    smtp.reject('refuses@example.com', 550);

    const env = { SMTP_URL: smtp.url, SMTP_FROM: 'opsdeck <reminders@opsdeck.test>' };
    const run = await runCli(env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`COMPLETE       Keşif (${event.id})`);
    expect(run.stdout).toMatch(new RegExp(`SENT\\s+${owner.email}\\s+attempts=1\\s+250`));
    expect(run.stdout).toMatch(/FAILED\s+refuses@example\.com\s+attempts=1\s+550 Mailbox unavailable/);
    expect(run.stdout).toContain('Reminder scan: 1 event(s); sent 1, skipped 0, failed 1, to retry 0.');
    expect(smtp.to(owner.email)).toHaveLength(1);
    expect(await reminderSentAt(event.id)).not.toBeNull();

    const again = await runCli(env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Reminder scan: 0 event(s); sent 0, skipped 0, failed 0, to retry 0.');
  });

  it('refuses to run without SMTP_URL', async () => {
    const run = await runCli({});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/SMTP_URL is not set/);
  });
});

describe('[CAL-R1][REMINDER] reminders.scan job', () => {
  it('is registered once and runs every CALENDAR_SYNC_POLL_INTERVAL_SEC seconds (60 by default)', () => {
    expect(JOBS.filter((j) => j.id === 'reminders.scan')).toEqual([remindersScanJob]);
    expect(remindersScanJob.every).toBe('60 seconds');
    expect(remindersScanJob.schema.parse(undefined)).toEqual({});
  });
});
