// The reminder e-mail as it arrives (parsed by mailparser): subject, time in the recipient's
// zone and language with Turkish text intact, escaped HTML, and the .ics with the feed's UID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import type { Mailer } from '../server/reminders/mailer.ts';
import { escapeHtml } from '../server/reminders/render-reminder-email.ts';
import { feedHost } from '../server/ics/render-ics-feed.ts';
import { createTestUser } from './support/factories.ts';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.ts';
import { at, createEvent, scan, testMailer } from './support/reminder-fixtures.ts';

let smtp: SmtpTestServer;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  mailer = testMailer(smtp.url);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

describe('[CAL-R2][REMINDER] e-mail content', () => {
  it('names the event, shows the time in each recipient\'s zone, keeps Turkish characters, and attaches the feed\'s VEVENT', async () => {
    const owner = await createTestUser({ name: 'Av. Çağrı Öztürk' });
    await getDb().user.update({ where: { id: owner.id }, data: { timezone: 'Europe/Istanbul', locale: 'tr' } });
    const colleague = await createTestUser();
    await getDb().user.update({ where: { id: colleague.id }, data: { timezone: 'America/New_York', locale: 'en' } });
    const event = await createEvent(owner, {
      title: 'Duruşma — Ağır Ceza <İstinaf> & "şüpheli"',
      location: 'İstanbul Çağlayan Adliyesi, Salon 3',
      timezone: 'Europe/Berlin',
      start: '2030-03-12T11:00', // 10:00 UTC, 13:00 in Istanbul, 06:00 in New York
      end: '2030-03-12T12:00',
      attendees: [{ email: colleague.email }, { email: 'guest@example.com', name: 'Müvekkil' }],
    });

    const summary = await scan(mailer, { now: at('09:31') });
    expect(summary.sent).toBe(3);
    const [toOwner] = smtp.to(owner.email);
    const [toColleague] = smtp.to(colleague.email);
    const [toGuest] = smtp.to('guest@example.com');

    // From is SMTP_FROM, with its display name (CAL-R2).
    expect(toOwner!.parsed.from?.value[0]).toEqual({ name: 'opsdeck', address: 'reminders@opsdeck.test' });
    expect(toOwner!.from).toBe('reminders@opsdeck.test');

    // Owner: Istanbul time, in Turkish.
    expect(toOwner!.parsed.subject).toMatch(/^Reminder: Duruşma — Ağır Ceza <İstinaf> & "şüpheli" — /);
    expect(toOwner!.parsed.subject).toContain('13:00');
    expect(toOwner!.parsed.subject).toContain('Mart');
    expect(toOwner!.parsed.subject).toContain('(Europe/Istanbul)');
    expect(toOwner!.parsed.text).toContain('Where: İstanbul Çağlayan Adliyesi, Salon 3');
    expect(toOwner!.parsed.text).toContain('Organiser: Av. Çağrı Öztürk');

    // Colleague: their own account's zone; guest without an account: the event's zone.
    expect(toColleague!.parsed.text).toMatch(/When: .*6:00\s?AM.*\(America\/New_York\)/);
    expect(toGuest!.parsed.text).toMatch(/When: .*11:00\s?AM.*\(Europe\/Berlin\)/);

    // HTML escapes what users typed.
    const html = String(toOwner!.parsed.html);
    expect(html).toContain(escapeHtml('Duruşma — Ağır Ceza <İstinaf> & "şüpheli"'));
    expect(html).not.toContain('<İstinaf>');

    // The .ics: METHOD:PUBLISH and the UID the ICS feed uses for this event.
    const ics = toOwner!.parsed.attachments.find((a) => a.filename === 'event.ics')!;
    expect(ics.contentType).toBe('text/calendar');
    const body = ics.content.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(body).toContain('METHOD:PUBLISH');
    expect(body).toContain(`UID:${event.id}@${feedHost()}`);
    expect(body).toContain('DTSTART:20300312T100000Z');
    expect(body).toContain('SUMMARY:Duruşma — Ağır Ceza <İstinaf> & "şüpheli"');
    expect(body).toContain('LOCATION:İstanbul Çağlayan Adliyesi\\, Salon 3');

    // A stable Message-ID per delivery (a re-send after a crash repeats it).
    const delivery = await getDb().reminderDelivery.findFirstOrThrow({ where: { eventId: event.id, recipient: owner.email } });
    expect(toOwner!.parsed.messageId).toBe(`<reminder.${delivery.id}@${feedHost()}>`);
    expect(delivery.messageId).toBe(toOwner!.parsed.messageId);
  });

  it('shows an all-day event as its date, without shifting it through UTC', async () => {
    const owner = await createTestUser();
    await getDb().user.update({ where: { id: owner.id }, data: { timezone: 'Pacific/Honolulu' } });
    await createEvent(owner, { title: 'Filing deadline', allDay: true, timezone: 'Europe/Istanbul', start: '2030-03-20', end: '2030-03-20', reminderMinutes: 60 });
    // Midnight in Istanbul is 21:00 UTC the day before; the reminder is due an hour earlier.
    await scan(mailer, { now: new Date('2030-03-19T20:30:00Z') });
    const [mail] = smtp.to(owner.email);
    expect(mail!.parsed.subject).toBe('Reminder: Filing deadline — Wednesday, March 20, 2030');
  });
});
