// CAL-R4: `npm run reminders:scan` runs scanAndSendReminders() once and prints what it did.
// Exit code 1 when a recipient failed or an event could not be processed, or nothing can be sent.
import { boot } from '../server/boot.ts';
import { currentMailer } from '../server/reminders/mailer.ts';
import { scanAndSendReminders } from '../server/reminders/scan-and-send-reminders.ts';

async function main(): Promise<number> {
  const booted = await boot({ migrate: false });
  try {
    if (!(await currentMailer())) {
      console.error(
        'SMTP_URL is not set and no opsdeck server with a mail catcher is running on this DATA_DIR: no reminder e-mail can be sent. ' +
          'Example: SMTP_URL=smtp://localhost:1025, or start `npm start` first.',
      );
      return 1;
    }
    const summary = await scanAndSendReminders();
    for (const event of summary.events) {
      console.log(`${event.outcome.padEnd(14)} ${event.title || event.eventId} (${event.eventId})`);
      for (const r of event.recipients) {
        const reply = r.smtpResponse ? `  ${r.smtpResponse}` : '';
        console.log(`  ${r.outcome.padEnd(12)} ${r.email}  attempts=${r.attempts}${reply}`);
      }
    }
    console.log(
      `Reminder scan: ${summary.events.length} event(s); sent ${summary.sent}, skipped ${summary.skipped}, ` +
        `failed ${summary.failed}, to retry ${summary.retried}.`,
    );
    return summary.failed > 0 || summary.events.some((e) => e.outcome === 'ERROR') ? 1 : 0;
  } catch (error) {
    console.error('Reminder scan failed:', error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await booted.close();
  }
}

process.exitCode = await main();
