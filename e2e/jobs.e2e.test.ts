import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
let db: pg.Client;
beforeAll(async () => {
  browser = await launchBrowser();
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await browser?.close();
  await db?.end();
});

const stamp = Date.now().toString(36);

/**
 * No API creates a failed job (by design), so the spec writes what Agenda and the runner leave
 * behind when a handler throws: the failed document and its run record with the stack.
 */
async function seedFailedJob(reason: string): Promise<string> {
  const id = randomUUID();
  const failedAt = new Date(Date.now() - 5 * 60_000);
  const startedAt = new Date(failedAt.getTime() - 2300);
  await db.query(
    `INSERT INTO agenda_jobs (id, name, type, data, last_run_at, last_finished_at, failed_at, fail_count, fail_reason, last_modified_by)
     VALUES ($1, 'sessions.cleanup', 'normal', $2, $3, $4, $4, 1, $5, 'e2e-host:1')`,
    [id, JSON.stringify({ requestedBy: `e2e-${stamp}` }), startedAt, failedAt, reason],
  );
  await db.query(
    `INSERT INTO job_runs (id, job_name, job_id, started_at, finished_at, ok, error, stack, worker)
     VALUES ($1, 'sessions.cleanup', $2, $3, $4, FALSE, $5, $6, 'e2e-host:1')`,
    [randomUUID(), id, startedAt, failedAt, reason, `Error: ${reason}\n    at deleteExpiredSessions (server/auth/sessions.ts:88:13)\n    at async Job.run (node_modules/agenda/dist/Job.js:541:17)`],
  );
  return id;
}

/** A worker that died without a clean stop, still holding a lock (not yet expired). */
async function seedGoneWorker(): Promise<string> {
  const name = `old-host-${stamp}:4242`;
  await db.query(
    `INSERT INTO job_workers (name, kind, host, pid, jobs, running_count, heartbeat_ms, started_at, last_heartbeat_at)
     VALUES ($1, 'worker', $2, 4242, $3, 1, 5000, now() - interval '3 hours', now() - interval '10 minutes')`,
    [name, `old-host-${stamp}`, ['integrations.retention', 'reminders.scan']],
  );
  await db.query(
    `INSERT INTO agenda_jobs (id, name, type, data, last_run_at, locked_at, last_modified_by) VALUES ($1, 'integrations.retention', 'normal', '{}', now() - interval '2 minutes', now() - interval '2 minutes', $2)`,
    [randomUUID(), name],
  );
  return name;
}

describe('[JOBS][E2E]', () => {
  it('[JOBS][RETRY]: support opens /jobs, sees the definitions and a failed job\'s reason and stack, and retries it until it runs', async () => {
    const reason = `SMTP 550 mailbox unavailable (${stamp})`;
    const jobId = await seedFailedJob(reason);
    const gone = await seedGoneWorker();
    const support = await signedInContext(browser, 'support@opsdeck.local');
    const page = await support.newPage();
    await page.goto('/');
    await page.getByTestId('nav-jobs').click();
    await page.waitForURL(/\/jobs/);

    // Every registered job is listed, whatever the registry holds.
    await page.getByTestId('jobs-definition-row').first().waitFor();
    const names = await page.getByTestId('jobs-definition-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job')));
    expect(names).toEqual(expect.arrayContaining(['sessions.cleanup', 'integrations.retention', 'reminders.scan', 'jobs.retention']));
    // The web server runs jobs here (JOBS_IN_SERVER) and heartbeats; the seeded dead worker shows as gone with its lock.
    await page.locator('[data-testid="jobs-worker-row"][data-status="alive"]').first().waitFor();
    const goneRow = page.locator(`[data-testid="jobs-worker-row"][data-worker="${gone}"]`);
    expect(await goneRow.getAttribute('data-status')).toBe('gone');
    expect(await goneRow.getByTestId('jobs-worker-lock').textContent()).toBe('integrations.retention');

    // Failed sessions.cleanup documents, through the count in the definitions table, then searched by data.
    await page.locator('[data-testid="jobs-definition-row"][data-job="sessions.cleanup"]').getByTestId('jobs-count-failed').click();
    await page.waitForURL(/name=sessions.cleanup/);
    await page.waitForURL(/state=failed/);
    await page.getByTestId('jobs-search').fill(`e2e-${stamp}`);
    await page.waitForURL(new RegExp(`q=e2e-${stamp}`));
    const row = page.locator(`[data-testid="jobs-row"][data-job-id="${jobId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('jobs-row-failure').textContent()).toBe(reason);
    expect(await page.getByTestId('jobs-row').count()).toBe(1);
    await screenshot(page, 'jobs-dashboard');

    await row.click();
    await page.waitForURL(new RegExp(`job=${jobId}`));
    const detail = page.getByTestId('job-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('job-fail-reason').textContent()).toContain(reason);
    expect(await page.getByTestId('job-fail-stack').textContent()).toContain('at deleteExpiredSessions');
    expect(await page.getByTestId('job-data').textContent()).toContain(`e2e-${stamp}`);
    // Support retries and runs; disabling and deleting are for admins.
    expect(await page.getByTestId('job-delete').count()).toBe(0);
    expect(await page.getByTestId('job-disable').count()).toBe(0);
    await screenshot(page, 'jobs-failed-detail');

    await page.getByTestId('job-retry').click();
    const modal = page.getByTestId('job-action-modal');
    await modal.waitFor();
    expect(await modal.getAttribute('data-action')).toBe('retry');
    await page.getByTestId('job-action-confirm').click();
    // The server's own runner takes it at its next poll; the open drawer follows it live.
    await page.locator('[data-testid="job-detail"][data-state="completed"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="job-run-row"]').nth(1).waitFor();
    expect(await page.getByTestId('job-run-row').count()).toBe(2);
    // The failure is history now: the run table keeps it, the drawer no longer calls it current.
    expect(await page.getByTestId('job-fail-reason').count()).toBe(0);
    await screenshot(page, 'jobs-retried');

    const audit = await support.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { action: 'jobs.retry', targetId: jobId } }))}`);
    const entries = ((await audit.json()) as { result: { data: { json: { items: { actor: { email: string } }[] } } } }).result.data.json.items;
    expect(entries.map((e) => e.actor.email)).toEqual(['support@opsdeck.local']);
    await support.close();
  });

  it('[JOBS][DELETE]: an admin deletes a failed job after confirming, and it is gone from the list', async () => {
    const jobId = await seedFailedJob(`Google 403 rateLimitExceeded (${stamp})`);
    const admin = await signedInContext(browser, 'admin@opsdeck.local');
    const page = await admin.newPage();
    await page.goto(`/jobs?q=${encodeURIComponent('rateLimitExceeded')}&job=${jobId}`);
    await page.getByTestId('job-detail').waitFor();
    await page.getByTestId('job-delete').click();
    expect(await page.getByTestId('job-action-modal').getAttribute('data-action')).toBe('delete');
    // Past the modal's opening transition, so the screenshot shows it as the admin sees it.
    await page.waitForTimeout(400);
    await screenshot(page, 'jobs-delete-confirm');
    await page.getByTestId('job-action-confirm').click();
    await page.waitForURL((url) => !url.searchParams.has('job'));
    await page.getByTestId('jobs-empty').waitFor();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM agenda_jobs WHERE id = $1`, [jobId]);
    expect(rows[0].n).toBe(0);
    const audit = await admin.request.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { action: 'jobs.delete', targetId: jobId } }))}`);
    expect(((await audit.json()) as { result: { data: { json: { items: unknown[] } } } }).result.data.json.items).toHaveLength(1);
    await admin.close();
  });

  it('[JOBS][ROLES]: a user cannot open the jobs page', async () => {
    const user = await signedInContext(browser, 'user@opsdeck.local');
    const page = await user.newPage();
    await page.goto('/jobs');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('nav-jobs').count()).toBe(0);
    await user.close();
  });
});
