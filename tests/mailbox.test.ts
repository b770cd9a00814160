// The local mail catcher and the Mailbox procedures (issue 4, CAL-O1): a real reminder scan mails
// the catcher over SMTP through nodemailer's pool, and staff read what it caught.
import { writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { findMailCatcher, setMailCatcher, startMailCatcher, type MailCatcher } from '../server/dev/mail-catcher.ts';
import { currentMailer, useMailCatcher } from '../server/reminders/mailer.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { at, clearEvents, createEvent, scan, testMailer } from './support/reminder-fixtures.ts';
import { codeOf } from './support/trpc-code.ts';

let running: MailCatcher | null = null;
async function catcher(opts: Parameters<typeof startMailCatcher>[0] = {}) {
  running = await startMailCatcher(opts);
  setMailCatcher(running);
  return running;
}
afterEach(async () => {
  setMailCatcher(null);
  useMailCatcher(null);
  await running?.close();
  running = null;
  await clearEvents();
});

describe('[CAL-O1][MAILBOX] local mail catcher', () => {
  it('catches a reminder sent over SMTP; support lists, searches and reads it with its .ics', async () => {
    const box = await catcher();
    const owner = await createTestUser({ name: 'Ayşe Yılmaz' });
    const event = await createEvent(owner, { title: 'Duruşma: Öztürk v. Şahin', location: 'İstanbul Adliyesi', attendees: [{ email: 'client@example.com', name: 'Client' }] });
    const mailer = testMailer(box.url);
    const summary = await scan(mailer, { now: at('09:31') });
    mailer.close();
    expect(summary.sent).toBe(2);

    const support = await callerFor(await createTestUser({ role: 'SUPPORT' }));
    expect(await support.mailbox.status()).toEqual({ enabled: true, smtpUrl: box.url, count: 2 });
    const all = await support.mailbox.list({});
    expect(all.total).toBe(2);
    expect(all.items.map((m) => m.to).flat().sort()).toEqual(['client@example.com', owner.email].sort());
    expect(all.items.every((m) => m.subject?.includes('Duruşma: Öztürk v. Şahin'))).toBe(true);

    const mine = await support.mailbox.list({ search: owner.email.toUpperCase() });
    expect(mine.items).toHaveLength(1);
    const detail = await support.mailbox.get({ id: mine.items[0]!.id });
    expect(detail.envelopeFrom).toBe('reminders@opsdeck.test');
    expect(detail.from).toContain('reminders@opsdeck.test');
    expect(detail.text).toContain('İstanbul Adliyesi');
    expect(detail.html).toContain('Duruşma: Öztürk v. Şahin');
    const ics = detail.attachmentList.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics?.text).toContain(`UID:${event.id}@`);
    expect(ics?.text).toContain('METHOD:PUBLISH');
    expect(detail.source).toContain('Message-ID:');
    expect(detail.sourceTruncated).toBe(false);

    expect(await codeOf(support.mailbox.get({ id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await support.mailbox.clear()).toEqual({ deleted: 2 });
    expect((await support.mailbox.list({})).total).toBe(0);
  });

  it('is for staff only, and does not exist when no catcher runs', async () => {
    await catcher();
    const user = await callerFor(await createTestUser());
    expect(await codeOf(user.mailbox.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(user.mailbox.status())).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).mailbox.list({}))).toBe('UNAUTHORIZED');

    setMailCatcher(null);
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    expect(await admin.mailbox.status()).toEqual({ enabled: false, smtpUrl: null, count: 0 });
    expect(await codeOf(admin.mailbox.list({}))).toBe('NOT_FOUND');
    expect(await codeOf(admin.mailbox.clear())).toBe('NOT_FOUND');
  });

  it('keeps the newest messages up to its bound, newest first', async () => {
    const box = await catcher({ keep: 3 });
    const transport = nodemailer.createTransport({ url: box.url });
    for (let i = 1; i <= 5; i++) await transport.sendMail({ from: 'a@example.com', to: 'b@example.com', subject: `m${i}`, text: 'x' });
    transport.close();
    expect(box.list().map((m) => m.subject)).toEqual(['m5', 'm4', 'm3']);
  });

  it('is found by other processes through its discovery file, and forgotten when it stops or dies', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opsdeck-catcher-'));
    const file = path.join(dir, 'mail-catcher.json');
    const box = await catcher({ discoveryFile: file });
    expect(await findMailCatcher(file)).toBe(box.url);

    // A worker or CLI asks before each scan and mails the server's catcher.
    useMailCatcher(() => findMailCatcher(file));
    const mailer = await currentMailer();
    await mailer!.send({ to: 'someone@example.com', subject: 'through discovery', text: 'x' });
    expect(box.list()[0]?.subject).toBe('through discovery');

    await box.close();
    running = null;
    expect(await findMailCatcher(file)).toBeNull();
    expect(await currentMailer()).toBeNull();

    // A server killed with SIGKILL leaves the file behind: a dead pid is no catcher.
    await writeFile(file, JSON.stringify({ pid: 2 ** 22 + 12345, url: 'smtp://127.0.0.1:1' }));
    expect(await findMailCatcher(file)).toBeNull();
  });
});
