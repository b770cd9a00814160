// CAL-G4: Google refused the grant. Sync for the user stops (sessions are only opened for
// ACTIVE accounts), the settings page shows a reconnect banner, support sees the state, and the
// user gets ONE e-mail per episode. A failed e-mail leaves reauthEmailSentAt empty, so the
// periodic sync tries again: it is never silently lost.
import { getConfig } from '../config.ts';
import { getDb } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { withIntegrationEvent } from '../integrations/log-integration-event.ts';
import { currentMailer } from '../reminders/mailer.ts';
import { escapeHtml } from '../reminders/render-reminder-email.ts';

const log = taggedLogger('sync');

export async function markReauthRequired(opts: { accountId: string; reason: string }): Promise<boolean> {
  const now = new Date();
  const { count } = await getDb().account.updateMany({
    where: { id: opts.accountId, status: 'ACTIVE' },
    data: { status: 'REAUTH_REQUIRED', statusChangedAt: now, lastRefreshError: opts.reason.slice(0, 500), reauthEmailSentAt: null },
  });
  if (count === 0) return false;
  log.error({ accountId: opts.accountId, reason: opts.reason }, `[sync] Google access lost; the user must reconnect: ${opts.reason}`);
  await sendReauthEmail(opts.accountId);
  return true;
}

const COPY = {
  en: {
    subject: 'Reconnect Google Calendar to keep your calendar in sync',
    body: (email: string) => `Google no longer accepts opsdeck's access to the calendar of ${email}, so your events have stopped syncing. Open your calendar settings and choose "Reconnect Google Calendar".`,
    button: 'Open calendar settings',
  },
  tr: {
    subject: 'Takviminizin eşitlenmesi için Google Takvim bağlantısını yenileyin',
    body: (email: string) => `Google, opsdeck'in ${email} takvimine erişimini artık kabul etmiyor; etkinlikleriniz eşitlenmiyor. Takvim ayarlarınızı açıp "Google Takvim'i yeniden bağla"yı seçin.`,
    button: 'Takvim ayarlarını aç',
  },
} as const;

/** Sends the reconnect e-mail unless it went out for this episode; true when it was sent now. */
export async function sendReauthEmail(accountId: string): Promise<boolean> {
  const db = getDb();
  // Claimed first, so two workers noticing the same refusal send one e-mail.
  const claimed = await db.account.updateMany({ where: { id: accountId, status: 'REAUTH_REQUIRED', reauthEmailSentAt: null }, data: { reauthEmailSentAt: new Date() } });
  if (claimed.count === 0) return false;
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { email: true, userId: true, user: { select: { email: true, name: true, locale: true } } } });
  const mailer = await currentMailer();
  if (!mailer) {
    await db.account.update({ where: { id: accountId }, data: { reauthEmailSentAt: null }, select: { id: true } });
    log.warn({ accountId }, '[sync] reconnect e-mail not sent: no SMTP configured');
    return false;
  }
  const copy = COPY[account.user.locale === 'tr' ? 'tr' : 'en'];
  const link = new URL('/settings/calendar', getConfig().publicBaseUrl).toString();
  try {
    await withIntegrationEvent(
      'smtp',
      { ok: 'smtp_email_sent', error: 'smtp_error' },
      () =>
        mailer.send({
          to: { name: account.user.name, address: account.user.email },
          subject: copy.subject,
          text: `${copy.body(account.email)}\n\n${link}\n`,
          html: `<p>${escapeHtml(copy.body(account.email))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(copy.button)}</a></p>`,
        }),
      { subject: account.userId, metadata: { kind: 'google_reauth' } },
    );
    return true;
  } catch (error) {
    await db.account.update({ where: { id: accountId }, data: { reauthEmailSentAt: null }, select: { id: true } });
    log.error({ err: error, accountId }, '[sync] reconnect e-mail failed; the periodic sync retries it');
    return false;
  }
}
