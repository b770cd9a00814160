// The SMTP side of reminders (convention 10): a small interface over one pooled nodemailer
// transport, so tests and the benchmark point the real library at a local SMTP server.
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { getConfig } from '../config.ts';

export type SentInfo = { messageId: string; response: string };

export type Mailer = {
  from: { name: string; address: string };
  send: (message: Mail.Options) => Promise<SentInfo>;
  close: () => void;
};

export type MailerOptions = {
  from?: { name: string; address: string };
  /** A pooled transport reuses connections: ~10x the throughput of one connection per mail. */
  pool?: boolean;
  maxConnections?: number;
};

export function createMailer(url: string, opts: MailerOptions = {}): Mailer {
  const from = opts.from ?? getConfig().smtp.from;
  const pooled = opts.pool ?? true;
  const transport = nodemailer.createTransport({
    url,
    pool: pooled,
    maxConnections: opts.maxConnections ?? 5,
    maxMessages: 1000,
    // The pool would silently re-send a message whose connection closed (up to 5 times), which
    // hides 421 replies and multiplies with our own retries: delivery rows own the retry policy.
    maxRequeues: 0,
    // A hung server must fail the attempt (and be retried), not stall the scan.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as SMTPPool.Options);
  return {
    from,
    async send(message) {
      // Built into one buffer first, then handed to the transport as raw: streamed, nodemailer
      // writes every MIME part to the socket as its own small write, which cost more CPU than
      // building the message (bench/README.md, reminders). The bytes on the wire are the same.
      const node = new MailComposer({ from, ...message }).compile();
      const raw = await node.build();
      const info = await transport.sendMail({ envelope: node.getEnvelope(), raw });
      return { messageId: node.messageId(), response: info.response };
    },
    close: () => transport.close(),
  };
}

let shared: Mailer | undefined;
let catcherUrl: string | null = null;
let findCatcher: (() => Promise<string | null>) | null = null;

/**
 * Outside production with SMTP_URL unset, mail goes to the local mail catcher. The server runs
 * it and passes its URL; a worker or CLI passes a lookup instead, asked before every scan, since
 * the server it belongs to may start later or restart on another port. SMTP_URL always wins.
 */
export function useMailCatcher(target: string | (() => Promise<string | null>) | null): void {
  closeMailer();
  findCatcher = typeof target === 'function' ? target : null;
  catcherUrl = typeof target === 'string' ? target : null;
}

/** getMailer(), after asking where the server's mail catcher is now (worker, CLI). */
export async function currentMailer(): Promise<Mailer | null> {
  if (findCatcher && !getConfig().smtp.url) {
    const url = await findCatcher();
    if (url !== catcherUrl) {
      closeMailer();
      catcherUrl = url;
    }
  }
  return getMailer();
}

/** Where this process sends mail: SMTP_URL, else the mail catcher, else nowhere. */
export function smtpTarget(): { url: string; catcher: boolean } | null {
  const { url } = getConfig().smtp;
  if (url) return { url, catcher: false };
  return catcherUrl ? { url: catcherUrl, catcher: true } : null;
}

/** The process's pooled mailer; null when there is nowhere to send (nothing is sent then). */
export function getMailer(): Mailer | null {
  const target = smtpTarget();
  if (!target) return null;
  shared ??= createMailer(target.url);
  return shared;
}

/** Closes the pooled connections at shutdown (boot.ts close()). */
export function closeMailer(): void {
  shared?.close();
  shared = undefined;
}
