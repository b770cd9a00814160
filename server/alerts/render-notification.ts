// What a notification says, per channel kind: an e-mail (text and HTML), a generic JSON body,
// and a Slack-compatible body ({ text, blocks }, as incoming webhooks take it).
import type { TFinding } from '../../shared/alerts.ts';
import type { NotificationKind } from './queue-notifications.ts';

export type NotificationIncident = {
  id: string;
  number: number;
  provider: string;
  providerName: string;
  status: string;
  severity: string;
  summary: string;
  openedAt: Date;
  resolvedAt: Date | null;
  findings: TFinding[];
};

export type NotificationLinks = { incident: string; provider: string; playbook: string };

export function notificationLinks(baseUrl: string, incident: Pick<NotificationIncident, 'id' | 'provider'>): NotificationLinks {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    incident: `${base}/incidents/${incident.id}`,
    provider: `${base}/health/providers/${encodeURIComponent(incident.provider)}`,
    playbook: `${base}/health/providers/${encodeURIComponent(incident.provider)}#playbook-what-to-check`,
  };
}

const RULE: Record<TFinding['kind'], string> = { THRESHOLD: 'Error rate', BURN_RATE: 'Burn rate', LATENCY: 'Latency p95', SILENCE: 'Expected silence' };
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const VERB: Record<NotificationKind, string> = { OPEN: 'opened', ESCALATE: 'escalated', RESOLVE: 'resolved' };

export function notificationTitle(kind: NotificationKind, i: NotificationIncident): string {
  const tag = kind === 'RESOLVE' ? 'RESOLVED' : i.severity;
  return `[${tag}] ${i.providerName}: incident #${i.number} ${VERB[kind]}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderEmail(kind: NotificationKind, i: NotificationIncident, links: NotificationLinks) {
  const subject = notificationTitle(kind, i);
  const lines = [
    subject,
    '',
    kind === 'RESOLVE' ? `Resolved at ${i.resolvedAt ? utc(i.resolvedAt) : 'now'}; it was: ${i.summary}` : i.summary,
    ...(kind === 'RESOLVE' ? [] : i.findings.map((f) => `- ${RULE[f.kind]}: ${f.summary}`)),
    '',
    `Opened: ${utc(i.openedAt)}`,
    `Incident: ${links.incident}`,
    `Provider: ${links.provider}`,
    `Playbook: ${links.playbook}`,
  ];
  const html = `<p><strong>${escapeHtml(subject)}</strong></p>
<p>${escapeHtml(kind === 'RESOLVE' ? `Resolved; it was: ${i.summary}` : i.summary)}</p>
${kind === 'RESOLVE' ? '' : `<ul>${i.findings.map((f) => `<li>${escapeHtml(`${RULE[f.kind]}: ${f.summary}`)}</li>`).join('')}</ul>`}
<p>Opened ${escapeHtml(utc(i.openedAt))}</p>
<p><a href="${escapeHtml(links.incident)}">Open the incident</a> · <a href="${escapeHtml(links.provider)}">Provider page</a> · <a href="${escapeHtml(links.playbook)}">Playbook</a></p>`;
  return { subject, text: lines.join('\n'), html };
}

export function renderWebhookBody(kind: NotificationKind, i: NotificationIncident, links: NotificationLinks) {
  return {
    type: `incident.${VERB[kind]}`,
    incident: {
      id: i.id,
      number: i.number,
      provider: i.provider,
      providerName: i.providerName,
      status: i.status,
      severity: i.severity,
      summary: i.summary,
      openedAt: i.openedAt.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      findings: i.findings,
      links,
    },
  };
}

export function renderSlackBody(kind: NotificationKind, i: NotificationIncident, links: NotificationLinks) {
  const title = notificationTitle(kind, i);
  const detail = kind === 'RESOLVE' ? `Resolved; it was: ${i.summary}` : i.findings.map((f) => `• ${f.summary}`).join('\n') || i.summary;
  return {
    text: `${title}: ${i.summary}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${detail}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${links.incident}|Incident> · <${links.provider}|Provider page> · <${links.playbook}|Playbook>` }] },
    ],
  };
}
