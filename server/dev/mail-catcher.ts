// A local SMTP server that keeps what it receives, like MailHog (CAL-O1): `npm start` runs one
// when SMTP_URL is unset outside production, reminders are mailed to it over real SMTP
// (nodemailer's pooled transport, as in production), and the Mailbox page reads it.
// Messages live in this process's memory, newest first, bounded; a restart empties the box.
// Other processes on the same DATA_DIR (worker, `npm run reminders:scan`) find it through a
// discovery file, the way they find the embedded PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { findDiscovery, removeDiscoveryIfOurs, writeDiscovery } from './discovery-file.ts';

export type CaughtAttachment = { filename: string | null; contentType: string; size: number; content: Buffer };

export type CaughtMail = {
  id: string;
  receivedAt: Date;
  envelopeFrom: string;
  envelopeTo: string[];
  from: string | null;
  to: string | null;
  subject: string | null;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: CaughtAttachment[];
  size: number;
  raw: Buffer;
};

export type MailCatcher = {
  url: string;
  port: number;
  /** Newest first. */
  list: () => readonly CaughtMail[];
  get: (id: string) => CaughtMail | undefined;
  clear: () => number;
  close: () => Promise<void>;
};

export type MailCatcherOptions = {
  host?: string;
  /** 0: any free port (the default, so parallel runs never collide). */
  port?: number;
  /** Oldest messages are dropped beyond this many. */
  keep?: number;
  /** Written with { pid, url } while the catcher runs, removed on close. */
  discoveryFile?: string;
};

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const addressText = (value: AddressObject | AddressObject[] | undefined): string | null => {
  if (!value) return null;
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ') || null;
};

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const keep = opts.keep ?? 500;
  let messages: CaughtMail[] = [];
  const parsing = new Set<Promise<unknown>>();

  const server = new SMTPServer({
    // A catcher accepts anything from anyone on loopback: no TLS, no login, no sender checks.
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    // Pooled clients (this server's mailer, a worker's) keep idle connections open: at shutdown
    // those are cut after a second instead of smtp-server's default 30 s.
    closeTimeout: 1000,
    logger: false,
    banner: 'opsdeck mail catcher',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const error = new Error('Message exceeds the catcher limit of 10 MiB') as Error & { responseCode: number };
          error.responseCode = 552;
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        const job = simpleParser(raw).then((parsed) => {
          const mail: CaughtMail = {
            id: randomUUID(),
            receivedAt: new Date(),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: addressText(parsed.from),
            to: addressText(parsed.to),
            subject: parsed.subject ?? null,
            messageId: parsed.messageId ?? null,
            text: parsed.text ?? null,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size, content: a.content })),
            size: raw.length,
            raw,
          };
          messages = [mail, ...messages].slice(0, keep);
          return mail;
        });
        parsing.add(job);
        // The 250 reply goes out once the message is in the box, so "sent" means "readable".
        job.then(
          (mail) => callback(null, `Queued as ${mail.id}`),
          (error: Error) => callback(Object.assign(new Error(`Could not parse the message: ${error.message}`), { responseCode: 554 })),
        ).finally(() => parsing.delete(job));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://${host}:${port}`;
  if (opts.discoveryFile) await writeDiscovery(opts.discoveryFile, { url });

  return {
    url,
    port,
    list: () => messages,
    get: (id) => messages.find((m) => m.id === id),
    clear() {
      const count = messages.length;
      messages = [];
      return count;
    },
    async close() {
      await Promise.allSettled([...parsing]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (opts.discoveryFile) await removeDiscoveryIfOurs(opts.discoveryFile);
    },
  };
}

/** The URL of the catcher another process on this DATA_DIR runs, or null (none, or it died). */
export async function findMailCatcher(discoveryFile: string): Promise<string | null> {
  const found = await findDiscovery(discoveryFile, (v): v is { pid: number; url: string } => typeof v.pid === 'number' && typeof v.url === 'string');
  return found?.url ?? null;
}

let current: MailCatcher | null = null;

/** The catcher this process runs (server only), for the Mailbox procedures. */
export function getMailCatcher(): MailCatcher | null {
  return current;
}

export function setMailCatcher(catcher: MailCatcher | null): void {
  current = catcher;
}
