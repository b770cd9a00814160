// alerts.* and incidents.* per role: users are refused, support reads, acknowledges, notes and
// ticks checks, admins also resolve and edit rules, channels and mutes. Every change is audited.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { applyFindings } from '../server/alerts/evaluate-alerts.ts';
import type { TFinding } from '../shared/alerts.ts';
import { TIER_RULE_DEFAULTS } from '../shared/alerts.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { codeOf } from './support/trpc-code.ts';

const finding = (severity: 'WARNING' | 'CRITICAL'): TFinding => ({ kind: 'THRESHOLD', severity, summary: `${severity} finding`, numbers: { errors: 10, total: 50 } });

async function openIncident(provider: string, severity: 'WARNING' | 'CRITICAL' = 'CRITICAL', at = new Date()) {
  await applyFindings({ provider, findings: [finding(severity)], now: at, holdDownSec: 600 });
  return getDb().incident.findFirstOrThrow({ where: { provider, status: { not: 'RESOLVED' } }, select: { id: true, number: true } });
}

const auditOf = (targetId: string) =>
  getDb().auditLog.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, before: true, after: true } });

describe('[ALERTS][ROUTER] roles and audit', () => {
  it('refuses users everything', async () => {
    const asUser = await callerFor(await createTestUser());
    const incident = await openIncident('twilio');
    expect(await codeOf(asUser.incidents.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(asUser.incidents.get({ id: incident.id }))).toBe('FORBIDDEN');
    expect(await codeOf(asUser.incidents.acknowledge({ id: incident.id }))).toBe('FORBIDDEN');
    expect(await codeOf(asUser.alerts.rules({}))).toBe('FORBIDDEN');
    expect(await codeOf(asUser.alerts.mutes())).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).incidents.list({}))).toBe('UNAUTHORIZED');
  });

  it('support reads, acknowledges, writes notes and ticks checks (audited), but may not resolve or change settings', async () => {
    const support = await createTestUser({ role: 'SUPPORT', name: 'Sena Support' });
    const asSupport = await callerFor(support);
    const incident = await openIncident('idenfy');

    const list = await asSupport.incidents.list({ status: 'unresolved' });
    expect(list.items.map((i) => i.id)).toContain(incident.id);
    expect(list.items.find((i) => i.id === incident.id)).toMatchObject({ provider: 'idenfy', providerName: 'iDenfy', status: 'OPEN', severity: 'CRITICAL', muted: false });

    await asSupport.incidents.acknowledge({ id: incident.id });
    expect(await codeOf(asSupport.incidents.acknowledge({ id: incident.id }))).toBe('CONFLICT');
    await asSupport.incidents.addNote({ id: incident.id, body: 'Checked the iDenfy status page: degraded in EU.' });
    await asSupport.incidents.setCheck({ id: incident.id, line: 12, text: 'Check the iDenfy dashboard', checked: true });
    // A second tick of a ticked check changes nothing.
    await asSupport.incidents.setCheck({ id: incident.id, line: 12, text: 'Check the iDenfy dashboard', checked: true });
    await asSupport.incidents.setCheck({ id: incident.id, line: 14, text: 'Rotate the API key', checked: true });
    await asSupport.incidents.setCheck({ id: incident.id, line: 14, text: 'Rotate the API key', checked: false });

    const detail = await asSupport.incidents.get({ id: incident.id });
    expect(detail).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: 'Sena Support', trigger: [finding('CRITICAL')] });
    expect(detail.checks).toMatchObject([{ line: 12, text: 'Check the iDenfy dashboard', checkedBy: 'Sena Support' }]);
    expect(detail.timeline.map((t) => [t.kind, t.actor])).toEqual([
      ['FIRED', null],
      ['ACKNOWLEDGED', 'Sena Support'],
      ['NOTE', 'Sena Support'],
      ['CHECK_TICKED', 'Sena Support'],
      ['CHECK_TICKED', 'Sena Support'],
      ['CHECK_UNTICKED', 'Sena Support'],
    ]);
    expect(detail.deliveries).toMatchObject([{ channel: 'Admins (e-mail)', channelKind: 'EMAIL', kind: 'OPEN', status: 'PENDING', attempts: 0 }]);

    expect((await auditOf(incident.id)).map((a) => [a.action, a.actorId])).toEqual([
      ['incident.acknowledge', support.id],
      ['incident.note', support.id],
      ['incident.check', support.id],
      ['incident.check', support.id],
      ['incident.uncheck', support.id],
    ]);

    expect(await codeOf(asSupport.incidents.resolve({ id: incident.id, note: 'Fixed upstream' }))).toBe('FORBIDDEN');
    expect(await codeOf(asSupport.alerts.channels())).toBe('FORBIDDEN');
    expect(await codeOf(asSupport.alerts.mute({ provider: 'idenfy', minutes: 30, reason: 'maintenance' }))).toBe('FORBIDDEN');
    expect(await codeOf(asSupport.alerts.updateRule({ provider: 'idenfy', kind: 'LATENCY', enabled: false, params: TIER_RULE_DEFAULTS.CRITICAL.params.LATENCY }))).toBe('FORBIDDEN');
    expect((await asSupport.alerts.rules({ provider: 'idenfy' }))[0]!.rules).toHaveLength(4);
  });

  it('admins resolve by hand with a note, which notifies and is audited; unresolved incidents list first', async () => {
    const admin = await createTestUser({ role: 'ADMIN', name: 'Ada Admin' });
    const asAdmin = await callerFor(admin);
    const older = await openIncident('sendgrid', 'WARNING', new Date(Date.now() - 60_000));
    const critical = await openIncident('posthog', 'CRITICAL', new Date(Date.now() - 30_000));

    expect(await codeOf(asAdmin.incidents.resolve({ id: older.id, note: '' }))).toBe('BAD_REQUEST');
    await asAdmin.incidents.resolve({ id: older.id, note: 'SendGrid fixed their relay' });
    expect(await codeOf(asAdmin.incidents.resolve({ id: older.id, note: 'again' }))).toBe('CONFLICT');
    const detail = await asAdmin.incidents.get({ id: older.id });
    expect(detail).toMatchObject({ status: 'RESOLVED', resolvedBy: 'Ada Admin' });
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'RESOLVED', actor: 'Ada Admin', body: 'SendGrid fixed their relay' });
    expect(detail.deliveries.map((d) => d.kind).sort()).toEqual(['OPEN', 'RESOLVE']);
    expect(await auditOf(older.id)).toMatchObject([{ action: 'incident.resolve', actorId: admin.id, before: { status: 'OPEN' }, after: { status: 'RESOLVED', note: 'SendGrid fixed their relay' } }]);

    const all = (await asAdmin.incidents.list({ limit: 100 })).items.map((i) => i.id);
    expect(all.indexOf(critical.id)).toBeLessThan(all.indexOf(older.id));
    const page1 = await asAdmin.incidents.list({ limit: 1 });
    const page2 = await asAdmin.incidents.list({ limit: 1, cursor: page1.nextCursor! });
    expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
    expect((await asAdmin.incidents.list({ status: 'resolved' })).items.map((i) => i.id)).toContain(older.id);
    expect(await codeOf(asAdmin.incidents.get({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('admins edit rules, channels and mutes; webhook URLs never come back; all audited', async () => {
    const admin = await createTestUser({ role: 'ADMIN' });
    const asAdmin = await callerFor(admin);

    const params = { ...TIER_RULE_DEFAULTS.CRITICAL.params.THRESHOLD, windowMinutes: 10, minErrors: 20 };
    await asAdmin.alerts.updateRule({ provider: 'twilio', kind: 'THRESHOLD', enabled: true, params });
    let rule = (await asAdmin.alerts.rules({ provider: 'twilio' }))[0]!.rules.find((r) => r.kind === 'THRESHOLD')!;
    expect(rule).toMatchObject({ enabled: true, isDefault: false, params });
    expect(await codeOf(asAdmin.alerts.updateRule({ provider: 'twilio', kind: 'THRESHOLD', enabled: true, params: { ...params, criticalRate: 0.001 } }))).toBe('BAD_REQUEST');
    expect(await codeOf(asAdmin.alerts.updateRule({ provider: 'nope', kind: 'THRESHOLD', enabled: true, params }))).toBe('NOT_FOUND');
    await asAdmin.alerts.resetRule({ provider: 'twilio', kind: 'THRESHOLD' });
    rule = (await asAdmin.alerts.rules({ provider: 'twilio' }))[0]!.rules.find((r) => r.kind === 'THRESHOLD')!;
    expect(rule.isDefault).toBe(true);
    expect((await auditOf('twilio:THRESHOLD')).map((a) => a.action)).toEqual(['alert_rule.update', 'alert_rule.reset']);

    const secretUrl = 'https://hooks.slack.example/services/T000/B000/very-secret-token';
    const channel = await asAdmin.alerts.createChannel({ name: 'Slack #incidents', kind: 'SLACK', url: secretUrl });
    expect(channel).toMatchObject({ kind: 'SLACK', urlHint: 'https://hooks.slack.example/…', enabled: true });
    expect(JSON.stringify(await asAdmin.alerts.channels())).not.toContain('very-secret-token');
    expect(await codeOf(asAdmin.alerts.createChannel({ name: 'No URL', kind: 'WEBHOOK' }))).toBe('BAD_REQUEST');
    await asAdmin.alerts.updateChannel({ id: channel.id, enabled: false });
    await asAdmin.alerts.deleteChannel({ id: channel.id });
    const channelAudit = await auditOf(channel.id);
    expect(channelAudit.map((a) => a.action)).toEqual(['notification_channel.create', 'notification_channel.update', 'notification_channel.delete']);
    expect(JSON.stringify(channelAudit)).not.toContain('very-secret-token');

    const mute = await asAdmin.alerts.mute({ provider: 'twilio', minutes: 60, reason: 'Carrier maintenance window' });
    expect((await asAdmin.alerts.mutes()).map((m) => m.id)).toContain(mute.id);
    const incident = await openIncident('twilio');
    expect((await asAdmin.incidents.get({ id: incident.id })).muted).toBe(true);
    await asAdmin.alerts.unmute({ id: mute.id });
    expect(await codeOf(asAdmin.alerts.unmute({ id: mute.id }))).toBe('CONFLICT');
    expect((await asAdmin.alerts.mutes()).map((m) => m.id)).not.toContain(mute.id);
    expect((await auditOf('twilio')).map((a) => a.action)).toEqual(['provider.mute', 'provider.unmute']);
  });
});
