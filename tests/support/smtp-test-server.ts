// A real SMTP server in the test process (smtp-server), so reminder tests drive nodemailer over
// the wire. Every accepted message is parsed with mailparser; per-recipient rules make it answer
// like a real server that refuses (550) or defers (421) some recipients.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: Buffer; parsed: ParsedMail };
type Rule = { code: number; message: string; times: number };

export type SmtpTestServer = {
  url: string;
  received: ReceivedMail[];
  /** Messages whose envelope names this recipient. */
  to: (email: string) => ReceivedMail[];
  /** Refuse RCPT TO for `email` with `code`, `times` times (Infinity: always). */
  reject: (email: string, code: number, times?: number) => void;
  clearRules: () => void;
  close: () => Promise<void>;
};

export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const rules = new Map<string, Rule>();
  const pending: Promise<void>[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const rule = rules.get(address.address.toLowerCase());
      if (rule && rule.times > 0) {
        rule.times--;
        const error = new Error(rule.message) as Error & { responseCode: number };
        error.responseCode = rule.code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const parsing = simpleParser(raw).then((parsed) => {
          received.push({ from, to, raw, parsed });
        });
        pending.push(parsing);
        // Answer only once the message is recorded, so "sent" implies "received" in assertions.
        parsing.then(
          () => callback(null, `Queued as ${received.length}`),
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (email) => received.filter((m) => m.to.includes(email.toLowerCase())),
    reject: (email, code, times = Infinity) => {
      rules.set(email.toLowerCase(), { code, message: code >= 500 ? 'Mailbox unavailable' : 'Try again later', times });
    },
    clearRules: () => rules.clear(),
    close: async () => {
      await Promise.allSettled(pending);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
