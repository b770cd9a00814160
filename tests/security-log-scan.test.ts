// Issue 10, "Security": the scanner that fails an e2e run when the server's log holds a secret
// (e2e/support/log-scan.ts, called from the e2e global teardown) is able to fail: every kind of
// leak it is meant to catch is caught, with its line number, and the logger's own redactions pass.
import { describe, expect, it } from 'vitest';
import { describeFindings, scanLogForSecrets } from '../e2e/support/log-scan.ts';
import { logSafeQuery, logSafeUrl } from '../server/http/log-safe-url.ts';

const line = (o: Record<string, unknown>) => JSON.stringify({ level: 'info', time: '2026-12-02T01:00:00.000Z', service: 'opsdeck', ...o });
const clean = [
  line({ tag: 'http', msg: 'request completed', req: { method: 'GET', url: '/api/trpc/auth.me', headers: { cookie: '[redacted]', authorization: '[redacted]' } } }),
  line({ msg: 'signed out', res: { headers: { 'set-cookie': 'opsdeck_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax' } } }),
  line({ msg: 'ics links revoked', req: { method: 'DELETE', url: '/api/calendar/ics/token' } }),
  line({ msg: 'input', input: { email: 'a@b.c', password: '[redacted]' } }),
  line({ msg: 'callback', req: { url: '/api/calendar/google/callback?code=[redacted]&state=[redacted]' } }),
  line({ msg: 'Authorization header missing: expected "Bearer <key>"' }),
  line({ msg: 'feed served', path: '/api/calendar/ics/[token]' }),
].join('\n');

describe('[SECURITY][LOGS] scanLogForSecrets', () => {
  it('passes a log whose secrets were redacted by the logger', () => {
    expect(scanLogForSecrets(clean, [{ label: 'the demo password', value: 'e2e-demo-password-1' }])).toEqual([]);
    // A key's public 10-character prefix, as the API-key list shows it, is not a leak.
    expect(scanLogForSecrets(line({ msg: 'key used', prefix: 'odk_Q2hlY2' }), [])).toEqual([]);
  });

  it('reports one finding per secret and line, however often the secret was recorded', () => {
    const log = line({ msg: 'x', detail: 'e2e-demo-password-1' });
    const twice = [{ label: 'the demo password', value: 'e2e-demo-password-1' }, { label: '"password" in an API body', value: 'e2e-demo-password-1' }];
    expect(scanLogForSecrets(log, twice).map((f) => f.what)).toEqual(['the demo password']);
  });

  it('finds each secret the run handed out, raw, percent-encoded or JSON-escaped, by line number', () => {
    const ics = 'Zk3pQ9xYt2LmN8vR4sWb6cDe';
    const cookie = 'u1Vq+7/abc=XYZ0123456789';
    const leaky = [
      clean,
      line({ msg: 'sign-in failed', body: 'email=a%40b.c&pw=e2e-demo-password-1' }),
      line({ msg: 'cookie', header: `session ${encodeURIComponent(cookie)}` }),
      line({ msg: 'feed', url: `https://ops.example.com/feeds/${ics}` }),
      line({ msg: 'channel', detail: 'signing with "whsec-0123456789abcdef"' }),
    ].join('\n');
    const findings = scanLogForSecrets(leaky, [
      { label: 'the demo password', value: 'e2e-demo-password-1' },
      { label: 'a session cookie', value: cookie },
      { label: 'an ICS feed token', value: ics },
      { label: 'a webhook secret', value: 'whsec-0123456789abcdef' },
      { label: 'too short to look for', value: 'abc' },
    ]);
    const base = clean.split('\n').length;
    expect(findings.map((f) => [f.lineNumber, f.what])).toEqual([
      [base + 1, 'the demo password'],
      [base + 2, 'a session cookie'],
      [base + 3, 'an ICS feed token'],
      [base + 4, 'a webhook secret'],
    ]);
    // The report names the line but does not print the secret again.
    const report = describeFindings('e2e/.logs/server.log', findings);
    expect(report).toContain(`e2e/.logs/server.log:${base + 1}: the demo password`);
    expect(report).not.toContain('e2e-demo-password-1');
    expect(report).not.toContain(ics);
  });

  it('finds the shapes of credentials it was never told about', () => {
    const cases: Array<[string, string]> = [
      [line({ req: { headers: { authorization: 'Bearer odk_9f8e7d6c5b4a3210' } } }), 'a bearer token'],
      [line({ req: { headers: { cookie: 'theme=dark; opsdeck_session=Qm9vTGVha2Vk' } } }), 'a session cookie value'],
      [line({ req: { url: '/api/calendar/google/callback?state=x&code=4/0AbCdEf' } }), 'a token in a query string'],
      [line({ req: { url: '/hook?token=abc123' } }), 'a token in a query string'],
      [line({ input: { user: { password: 'hunter2hunter2' } } }), 'a password in JSON'],
      [line({ url: '/api/calendar/ics/Zk3pQ9xYt2LmN8vR4sWb6cDe.ics' }), 'an ICS feed token'],
      [line({ msg: 'created key odk_Q2hlY2tpbmdUaGVTY2FubmVyMTIzNDU2' }), 'an API key'],
      [line({ token: 'ya29.a0AfH6SMBxxxxxxxxxxxx' }), 'a Google access token'],
      [line({ refresh: '1//0gAbCdEfGhIjKlMnOp' }), 'a Google refresh token'],
      [line({ grant: 'exchanging 4/0AX4XfWhAbCdEfGhIj' }), 'a Google authorization code'],
      [line({ smtp: 'smtp://mailer:s3cr3t@smtp.example.com:587' }), 'credentials in a URL'],
      // A made-up connection string is this case's input: the scanner must flag it, and so does secretlint.
      // secretlint-disable-next-line @secretlint/secretlint-rule-database-connection-string
      [line({ db: 'postgresql://postgres:pw0rd@127.0.0.1:5432/opsdeck' }), 'credentials in a URL'],
    ];
    for (const [text, what] of cases) {
      const findings = scanLogForSecrets(`${clean}\n${text}`, []);
      expect(findings.map((f) => f.what), text).toContain(what);
      expect(findings.every((f) => f.lineNumber === clean.split('\n').length + 1), text).toBe(true);
    }
  });
});

describe('[SECURITY][LOGS] access-log URLs', () => {
  it("blanks the OAuth callback's code and state and other credential parameters, keeping the rest", () => {
    expect(logSafeUrl('/api/calendar/google/callback?code=4/0AbCd&state=s1&scope=email')).toBe('/api/calendar/google/callback?code=[redacted]&state=[redacted]&scope=email');
    expect(logSafeUrl('/x?TOKEN=1&token=2&page=3')).toBe('/x?TOKEN=[redacted]&token=[redacted]&page=3');
    expect(logSafeUrl('/api/trpc/auth.me')).toBe('/api/trpc/auth.me');
    expect(logSafeUrl('/api/trpc/users.list?input=%7B%7D')).toBe('/api/trpc/users.list?input=%7B%7D');
    expect(logSafeQuery({ code: 'c', scope: 's' })).toEqual({ code: '[redacted]', scope: 's' });
    expect(scanLogForSecrets(line({ url: logSafeUrl('/cb?code=4/0AX4XfWhAbCdEfGhIj&state=abc') }), [])).toEqual([]);
  });
});
