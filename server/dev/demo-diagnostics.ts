// Two demo users whose complaints the support page answers (issue 9): one whose reminder
// bounced with 550 for one attendee yesterday, one whose Google refresh token was revoked two
// days ago (REAUTH_REQUIRED, reconnect e-mail sent). Built from the same rows the product
// writes; the events go through the event service like the rest of the demo.
import { DateTime } from 'luxon';
import { getDb } from '../db.ts';
import { createEvent } from '../calendar/create-event.ts';

const ZONE = 'Europe/Istanbul';

export const DIAGNOSTICS_DEMO_USERS = [
  { email: 'deniz@opsdeck.local', name: 'Deniz Demir' },
  { email: 'elif@opsdeck.local', name: 'Elif Kaya' },
] as const;

export const DEMO_BOUNCED_RECIPIENT = 'eski.stajyer@firm.example';
export const DEMO_REVOKED_ERROR = 'invalid_grant: Token has been expired or revoked.';

const wall = (dt: DateTime) => dt.toFormat("yyyy-MM-dd'T'HH:mm");

export async function seedDiagnosticsDemo(opts: { passwordHash: string; now?: Date }): Promise<void> {
  const db = getDb();
  const now = DateTime.fromJSDate(opts.now ?? new Date(), { zone: ZONE });
  const [deniz, elif] = await Promise.all(
    DIAGNOSTICS_DEMO_USERS.map((u) =>
      db.user.upsert({ where: { email: u.email }, create: { ...u, passwordHash: opts.passwordHash, timezone: ZONE }, update: {}, select: { id: true, role: true, email: true } }),
    ),
  );

  // Yesterday's hearing: the organiser and the client got the reminder, a former intern's
  // mailbox no longer exists.
  const start = now.minus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const hearing = await createEvent(deniz!, {
    title: 'Duruşma — Bakırköy 2. İş Mahkemesi',
    timezone: ZONE,
    start: wall(start),
    end: wall(start.plus({ hours: 1 })),
    location: 'Bakırköy Adliyesi',
    reminderMinutes: 60,
    attendees: [{ email: 'musteri@client.example', name: 'Müvekkil' }, { email: DEMO_BOUNCED_RECIPIENT, name: 'Eski Stajyer' }],
  });
  const sentAt = start.minus({ minutes: 60 }).plus({ seconds: 20 }).toJSDate();
  const windowKey = `${hearing.startsAt.toISOString()}|60`;
  await db.$transaction([
    db.reminderDelivery.createMany({
      data: [
        { eventId: hearing.id, recipient: deniz!.email, recipientUserId: deniz!.id, windowKey, status: 'SENT', attempts: 1, lastAttemptAt: sentAt, sentAt, smtpResponse: '250 2.0.0 OK queued', createdAt: sentAt },
        { eventId: hearing.id, recipient: 'musteri@client.example', windowKey, status: 'SENT', attempts: 1, lastAttemptAt: sentAt, sentAt, smtpResponse: '250 2.0.0 OK queued', createdAt: sentAt },
        {
          eventId: hearing.id,
          recipient: DEMO_BOUNCED_RECIPIENT,
          windowKey,
          status: 'FAILED',
          attempts: 1,
          lastAttemptAt: sentAt,
          smtpResponse: `550 5.1.1 <${DEMO_BOUNCED_RECIPIENT}>: Recipient address rejected: User unknown in virtual mailbox table`,
          errorCode: 'EENVELOPE',
          createdAt: sentAt,
        },
      ],
    }),
    db.calendarEvent.update({ where: { id: hearing.id }, data: { reminderSentAt: sentAt }, select: { id: true } }),
  ]);
  const meeting = now.plus({ days: 2 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
  await createEvent(deniz!, { title: 'Müvekkil görüşmesi — Arslan', timezone: ZONE, start: wall(meeting), end: wall(meeting.plus({ minutes: 45 })), reminderMinutes: 30 });

  // Google refused the refresh token two days ago; the one reconnect e-mail went out then.
  const revokedAt = now.minus({ days: 2 }).toJSDate();
  await db.account.upsert({
    where: { userId_provider: { userId: elif!.id, provider: 'google' } },
    create: {
      userId: elif!.id,
      provider: 'google',
      providerAccountId: 'demo-elif-google',
      email: 'elif.kaya@gmail.example',
      scope: 'https://www.googleapis.com/auth/calendar',
      status: 'REAUTH_REQUIRED',
      statusChangedAt: revokedAt,
      lastRefreshAt: new Date(revokedAt.getTime() - 3600_000),
      lastRefreshError: DEMO_REVOKED_ERROR,
      reauthEmailSentAt: new Date(revokedAt.getTime() + 30_000),
      lastSyncAt: new Date(revokedAt.getTime() - 300_000),
      lastFullSyncAt: now.minus({ days: 20 }).toJSDate(),
      connectedAt: now.minus({ days: 20 }).toJSDate(),
    },
    update: {},
    select: { id: true },
  });
  const call = now.plus({ days: 1 }).set({ hour: 11, minute: 0, second: 0, millisecond: 0 });
  await createEvent(elif!, { title: 'Call with Acme legal', timezone: ZONE, start: wall(call), end: wall(call.plus({ minutes: 30 })), reminderMinutes: 15 });
}
