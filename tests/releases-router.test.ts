// releases.* and POST /api/releases (IH-8): recording from the UI and from CI, the checklist
// evaluated from integration events written after the release, overrides with notes, the
// admin-edited items, roles and audit rows.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/http/app.ts';
import { getDb } from '../server/db.ts';
import { createApiKey } from '../server/api-keys/create-api-key.ts';
import { revokeApiKey } from '../server/api-keys/revoke-api-key.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { getProviderCatalog } from '../server/integrations/provider-catalog.ts';
import { ensureReleaseChecklist } from '../server/releases/ensure-release-checklist.ts';
import type { TIntegrationEvent } from '../shared/integrations.ts';
import type { TCheckResult } from '../shared/releases.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { fieldErrorsOf } from './support/field-errors.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createApp().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const repeat = <T,>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

async function write(events: Partial<TIntegrationEvent>[]) {
  const catalog = await getProviderCatalog();
  const prepared = events.map((e) => prepareIntegrationEvent({ outcome: 'ok', occurredAt: minutesAgo(10), ...e } as TIntegrationEvent, catalog.get(e.provider!)));
  await writeIntegrationEvents(prepared, 'internal');
}

async function callers() {
  const [admin, support, user] = await Promise.all([createTestUser({ role: 'ADMIN' }), createTestUser({ role: 'SUPPORT' }), createTestUser({ role: 'USER' })]);
  return { admin, asAdmin: await callerFor(admin), asSupport: await callerFor(support), asUser: await callerFor(user) };
}

const byTitle = (checks: TCheckResult[], title: string) => checks.find((c) => c.item.title === title)!;

function postRelease(key: string | null, body: unknown, raw?: string) {
  return fetch(`${base}/api/releases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

describe('[IH-8][RELEASES] checklist evaluation', () => {
  it('passed, failing and waiting from the events after the release, per provider and success event', async () => {
    const { asAdmin, admin } = await callers();
    // A subject-bound check: only the test user's withdrawals prove it.
    const paytr = await asAdmin.releases.createItem({ title: 'PayTR withdraw (test user)', provider: 'paytr', successEvents: ['paytr_withdraw_initiated'], subject: 'test-user-42' });
    const release = await asAdmin.releases.create({ version: '2026.12.1', releasedAt: minutesAgo(30), commitSha: 'abc1234' });
    expect(release).toMatchObject({ version: '2026.12.1', environment: 'production', source: 'ui', createdBy: admin.name, commitSha: 'abc1234' });

    await write([
      ...repeat(5, () => ({ provider: 'supabase', event: 'supabase_rpc_ok' })),
      // Mapbox: successes, but an error rate that makes the provider failing.
      ...repeat(20, () => ({ provider: 'mapbox', event: 'mapbox_autocomplete_ok' })),
      ...repeat(10, () => ({ provider: 'mapbox', event: 'mapbox_error', outcome: 'error' as const, errorCode: '503' })),
      // SendGrid traffic from before the release proves nothing about it.
      ...repeat(5, () => ({ provider: 'sendgrid', event: 'sendgrid_email_sent', occurredAt: minutesAgo(45) })),
      // PostHog: a few errors (under minErrors), no success yet.
      ...repeat(3, () => ({ provider: 'posthog', event: 'posthog_error', outcome: 'error' as const, errorCode: '500' })),
      { provider: 'sentry', event: 'sentry_event_sent' },
      { provider: 'paytr', event: 'paytr_withdraw_initiated', subject: 'someone-else' },
    ]);

    let detail = await asAdmin.releases.get({ id: release.id });
    expect(detail.window.complete).toBe(false);
    const c = (t: string) => byTitle(detail.checks, t);
    expect(c('Core RPC works (Supabase discover)')).toMatchObject({ status: 'passed', reason: 'enough_successes', successes: 5 });
    expect(c('Mapbox autocomplete works')).toMatchObject({ status: 'failing', reason: 'provider_errors', successes: 20, errors: 10, operations: 30 });
    expect(c('Mapbox map renders')).toMatchObject({ status: 'failing', reason: 'provider_errors', successes: 0 });
    expect(c('Twilio basic send (SMS)')).toMatchObject({ status: 'waiting', reason: 'no_traffic', operations: 0 });
    expect(c('SendGrid basic send (e-mail)')).toMatchObject({ status: 'waiting', reason: 'no_traffic', successes: 0 });
    expect(c('PostHog events flowing')).toMatchObject({ status: 'waiting', reason: 'too_few_successes', errors: 3 });
    expect(c('Sentry error rate normal')).toMatchObject({ status: 'passed', successes: 1 });
    expect(c('PayTR withdraw (test user)')).toMatchObject({ status: 'waiting', successes: 0 });

    await write([{ provider: 'paytr', event: 'paytr_withdraw_initiated', subject: 'test-user-42' }, { provider: 'twilio', event: 'twilio_sms_sent', occurredAt: minutesAgo(5) }]);
    detail = await asAdmin.releases.get({ id: release.id });
    expect(c('PayTR withdraw (test user)')).toMatchObject({ status: 'passed', successes: 1 });
    expect(c('Twilio basic send (SMS)')).toMatchObject({ status: 'passed' });

    const [listed] = (await asAdmin.releases.list({})).filter((r) => r.id === release.id);
    // The seeded PayTR check counts anyone's withdrawal; the subject-bound one only the test user's.
    expect(c('PayTR withdraw for the test user')).toMatchObject({ status: 'passed', successes: 2 });
    expect(listed!.counts).toEqual({ passed: 5, failing: 2, waiting: 2 });

    // An old release only reads its first 24 hours: today's traffic says nothing about it.
    const old = await asAdmin.releases.create({ version: '2026.11.1', releasedAt: new Date(Date.now() - 3 * 24 * 3600_000) });
    const oldDetail = await asAdmin.releases.get({ id: old.id });
    expect(oldDetail.window.complete).toBe(true);
    expect(byTitle(oldDetail.checks, 'Core RPC works (Supabase discover)')).toMatchObject({ status: 'waiting', successes: 0 });
    await asAdmin.releases.archiveItem({ id: paytr.id });
  });

  it('counts from the release itself, not from its minute: calls seconds before it do not prove it', async () => {
    const { asAdmin } = await callers();
    // A provider no other test writes, so only this test's events are in the window.
    const item = await asAdmin.releases.createItem({ title: 'KYC session starts', provider: 'idenfy', successEvents: ['idenfy_session_created'] });
    const minute = Math.floor(minutesAgo(20).getTime() / 60_000) * 60_000;
    const release = await asAdmin.releases.create({ version: 'exact-1', environment: 'exact', releasedAt: new Date(minute + 30_000) });
    // Five seconds before the release, in its minute: errors and a success that prove nothing.
    await write([
      ...repeat(6, () => ({ provider: 'idenfy', event: 'idenfy_error', outcome: 'error' as const, errorCode: '401', occurredAt: new Date(minute + 25_000) })),
      { provider: 'idenfy', event: 'idenfy_session_created', occurredAt: new Date(minute + 25_000) },
    ]);
    const check = async () => byTitle((await asAdmin.releases.get({ id: release.id })).checks, 'KYC session starts');
    expect(await check()).toMatchObject({ status: 'waiting', operations: 0, errors: 0 });
    // Five seconds after, in the same minute, and a minute later: both count.
    await write([
      { provider: 'idenfy', event: 'idenfy_session_created', occurredAt: new Date(minute + 35_000) },
      { provider: 'idenfy', event: 'idenfy_session_created', occurredAt: new Date(minute + 95_000) },
    ]);
    expect(await check()).toMatchObject({ status: 'passed', successes: 2, operations: 2, errors: 0 });
    await asAdmin.releases.archiveItem({ id: item.id });
  });

  it('a manual override needs a note, wins over the evaluation, is audited and can be cleared', async () => {
    const { asAdmin, asSupport, admin } = await callers();
    const release = await asAdmin.releases.create({ version: '2026.12.2' });
    const detail = await asAdmin.releases.get({ id: release.id });
    const twilio = byTitle(detail.checks, 'Twilio basic send (SMS)');
    expect(twilio.status).toBe('waiting');

    const noNote = await fieldErrorsOf(asAdmin.releases.override({ releaseId: release.id, itemId: twilio.item.id, status: 'passed', note: ' ' }));
    expect(noNote.note?.[0]).toMatch(/Say why/);
    await expect(asSupport.releases.override({ releaseId: release.id, itemId: twilio.item.id, status: 'passed', note: 'sent by hand' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const after = await asAdmin.releases.override({ releaseId: release.id, itemId: twilio.item.id, status: 'passed', note: 'Sent an SMS to the test phone by hand' });
    expect(byTitle(after.checks, 'Twilio basic send (SMS)')).toMatchObject({ status: 'passed', evaluated: 'waiting', override: { status: 'passed', note: 'Sent an SMS to the test phone by hand', by: admin.name } });
    await asAdmin.releases.override({ releaseId: release.id, itemId: twilio.item.id, status: 'failing', note: 'No SMS arrived after all' });
    const cleared = await asAdmin.releases.clearOverride({ releaseId: release.id, itemId: twilio.item.id });
    expect(byTitle(cleared.checks, 'Twilio basic send (SMS)')).toMatchObject({ status: 'waiting', override: null });
    await expect(asAdmin.releases.clearOverride({ releaseId: release.id, itemId: twilio.item.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(asAdmin.releases.override({ releaseId: '00000000-0000-4000-8000-000000000000', itemId: twilio.item.id, status: 'passed', note: 'nope nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const audit = await getDb().auditLog.findMany({ where: { targetType: 'Release', targetId: release.id }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, before: true, after: true } });
    expect(audit.map((a) => a.action)).toEqual(['release.create', 'release.check.override', 'release.check.override', 'release.check.clear_override']);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
    expect(audit[2]).toMatchObject({ before: { status: 'passed', note: 'Sent an SMS to the test phone by hand' }, after: { status: 'failing' } });
    expect(audit[3]).toMatchObject({ before: { status: 'failing', note: 'No SMS arrived after all' } });
  });
});

describe('[IH-8][RELEASES] roles, input and items', () => {
  it('users are FORBIDDEN everywhere; support reads; admins write', async () => {
    const { asAdmin, asSupport, asUser } = await callers();
    const release = await asAdmin.releases.create({ version: 'roles-1' });
    for (const call of [
      asUser.releases.list({}),
      asUser.releases.get({ id: release.id }),
      asUser.releases.items(),
      asUser.releases.markers({ from: minutesAgo(60), to: new Date() }),
      asUser.releases.create({ version: 'x1' }),
      asUser.releases.createItem({ title: 't', provider: 'smtp', successEvents: ['smtp_email_sent'] }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await asSupport.releases.list({})).some((r) => r.id === release.id)).toBe(true);
    expect((await asSupport.releases.get({ id: release.id })).release.version).toBe('roles-1');
    expect((await asSupport.releases.markers({ from: minutesAgo(60), to: new Date(Date.now() + 60_000) })).map((m) => m.version)).toContain('roles-1');
    expect((await asSupport.releases.items()).length).toBeGreaterThanOrEqual(8);
    await expect(asSupport.releases.create({ version: 'x2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asSupport.releases.createItem({ title: 't', provider: 'smtp', successEvents: ['smtp_email_sent'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asSupport.releases.archiveItem({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asAdmin.releases.get({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('bad releases answer field errors; a repeated version is a CONFLICT on the version field', async () => {
    const { asAdmin } = await callers();
    expect(await fieldErrorsOf(asAdmin.releases.create({ version: '' }))).toHaveProperty('version');
    expect(await fieldErrorsOf(asAdmin.releases.create({ version: 'has space' }))).toHaveProperty('version');
    expect(await fieldErrorsOf(asAdmin.releases.create({ version: 'v1', commitSha: 'xyz' }))).toHaveProperty('commitSha');
    expect(await fieldErrorsOf(asAdmin.releases.create({ version: 'v1', releasedAt: new Date(Date.now() + 3600_000) }))).toHaveProperty('releasedAt');
    await asAdmin.releases.create({ version: 'dup-1' });
    const dup = await asAdmin.releases.create({ version: 'dup-1' }).catch((e) => e);
    expect(dup).toMatchObject({ code: 'CONFLICT' });
    expect(dup.cause.details.fieldErrors.version[0]).toMatch(/already recorded/);
    // The same version in another environment is another release.
    expect((await asAdmin.releases.create({ version: 'dup-1', environment: 'staging' })).environment).toBe('staging');
  });

  it('admins add, edit and archive items (audited); an archived seed item is not seeded again', async () => {
    const { asAdmin, admin } = await callers();
    expect(await fieldErrorsOf(asAdmin.releases.createItem({ title: '', provider: 'smtp', successEvents: [] }))).toMatchObject({ title: expect.any(Array), successEvents: expect.any(Array) });
    expect(await fieldErrorsOf(asAdmin.releases.createItem({ title: 'x', provider: 'no_such', successEvents: ['a_b'] }))).toHaveProperty('provider');
    const item = await asAdmin.releases.createItem({ title: 'Reminder e-mail goes out', provider: 'smtp', successEvents: ['smtp_email_sent', 'smtp_email_sent'] });
    expect(item.successEvents).toEqual(['smtp_email_sent']);
    const edited = await asAdmin.releases.updateItem({ id: item.id, title: 'Reminder e-mail sent', provider: 'smtp', successEvents: ['smtp_email_sent'], minSuccesses: 3 });
    expect(edited).toMatchObject({ title: 'Reminder e-mail sent', minSuccesses: 3, position: item.position });

    const seeded = (await asAdmin.releases.items()).find((i) => i.title === 'Sentry error rate normal')!;
    await asAdmin.releases.archiveItem({ id: seeded.id });
    await asAdmin.releases.archiveItem({ id: item.id });
    expect(await ensureReleaseChecklist()).toBe(0);
    const titles = (await asAdmin.releases.items()).map((i) => i.title);
    expect(titles).not.toContain('Sentry error rate normal');
    expect(titles).not.toContain('Reminder e-mail sent');
    await expect(asAdmin.releases.updateItem({ ...edited, id: item.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const audit = await getDb().auditLog.findMany({ where: { targetType: 'ReleaseCheckItem', actorId: admin.id }, orderBy: { createdAt: 'asc' }, select: { action: true, targetId: true, before: true } });
    expect(audit.map((a) => a.action)).toEqual(['release.item.create', 'release.item.update', 'release.item.archive', 'release.item.archive']);
    expect(audit[1]!.before).toMatchObject({ title: 'Reminder e-mail goes out' });
  });
});

describe('[IH-8][RELEASES] POST /api/releases', () => {
  it('401 without a valid key, 400 with field errors, 201 with the release, 409 on a repeat', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const created = await createApiKey({ input: { name: 'ci' }, actorId: admin.id });
    expect((await postRelease(null, { version: 'ci-1' })).status).toBe(401);
    const unknown = await postRelease(`odk_${'A'.repeat(43)}`, { version: 'ci-1' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const bad = await postRelease(created.key, { version: '', commitSha: 'not hex', releasedAt: 'yesterday' });
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(Object.keys(badBody.fieldErrors).sort()).toEqual(['commitSha', 'releasedAt', 'version']);
    const notJson = await postRelease(created.key, null, '{"version":');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).message).toMatch(/not valid JSON/);

    const releasedAt = minutesAgo(2).toISOString();
    const ok = await postRelease(created.key, { version: 'ci-1', commitSha: 'deadbeef', releasedAt, notes: 'from CI' });
    expect(ok.status).toBe(201);
    const { release } = await ok.json();
    expect(release).toMatchObject({ version: 'ci-1', environment: 'production', source: 'api', commitSha: 'deadbeef', releasedAt, createdBy: null });

    const again = await postRelease(created.key, { version: 'ci-1' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'conflict', releaseId: release.id, fieldErrors: { version: [expect.stringMatching(/already recorded/)] } });

    const audit = await getDb().auditLog.findFirst({ where: { targetType: 'Release', targetId: release.id }, select: { action: true, actorId: true, after: true } });
    expect(audit).toMatchObject({ action: 'release.create', actorId: null, after: { source: 'api', apiKeyId: created.apiKey.id } });

    await revokeApiKey({ id: created.apiKey.id, actorId: admin.id });
    await new Promise((r) => setTimeout(r, 10));
    const revoked = await postRelease(created.key, { version: 'ci-2' });
    expect(revoked.status).toBe(401);
  });
});
