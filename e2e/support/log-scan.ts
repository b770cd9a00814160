// Issue 10, "Security": no secret in any log line. The e2e run captures everything the server
// printed (global-setup.ts) and, once the server has stopped, scans it for the secrets that run
// handed out (recorded by secret-recorder.ts) and for the shapes a leaked credential takes.
// Pure functions: tests/security-log-scan.test.ts proves they can fail.

export type KnownSecret = { label: string; value: string };
export type LogFinding = { lineNumber: number; what: string; line: string };

/** Shorter values would match ordinary words; every secret the product hands out is far longer. */
const MIN_SECRET_LENGTH = 8;
const REDACTED = '\\[redacted\\]';

/** Shapes of credentials whatever their value; `[redacted]` (the logger's censor) is fine. */
export const SECRET_PATTERNS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'a bearer token', pattern: new RegExp(`\\bBearer\\s+(?!${REDACTED})[A-Za-z0-9._~+/=-]{8,}`, 'i') },
  { what: 'a session cookie value', pattern: new RegExp(`opsdeck_session=(?!${REDACTED})[^;\\s"',]`) },
  { what: 'a token in a query string', pattern: new RegExp(`[?&](?:token|access_token|refresh_token|id_token|code|key|api_key)=(?!${REDACTED})[^&\\s"']`, 'i') },
  { what: 'a password in JSON', pattern: new RegExp(`"(?:password|newPassword|currentPassword|pass)"\\s*:\\s*"(?!${REDACTED}")[^"]`, 'i') },
  // API keys (shared/api-keys.ts): the 10-character prefix shown in lists is not enough to match.
  { what: 'an API key', pattern: /\bodk_[A-Za-z0-9_-]{20,}/ },
  // The feed URL is the credential (shared/ics.ts); "token" is the revoke-all route, not a token.
  { what: 'an ICS feed token', pattern: /\/api\/calendar\/ics\/(?!token\b)[A-Za-z0-9_-]{16,}/ },
  // The formats Google (and the Google stand-in) use for access tokens, refresh tokens and codes.
  { what: 'a Google access token', pattern: /\bya29\.[A-Za-z0-9_-]{10,}/ },
  { what: 'a Google refresh token', pattern: /(?:^|[^A-Za-z0-9:])1\/\/0[A-Za-z0-9_-]{10,}/ },
  { what: 'a Google authorization code', pattern: /(?:^|[^A-Za-z0-9])4\/0A[A-Za-z0-9_-]{10,}/ },
  { what: 'credentials in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"'[\]]+:[^\s@/"'[\]]+@/i },
];

/** Each secret as it may be written: raw, percent-encoded (URLs, cookies) and JSON-escaped. */
function spellings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

/** The line with the secret itself blanked out, so the failure report does not leak it again. */
function masked(line: string, found: string): string {
  const shown = line.length > 400 ? `${line.slice(0, 400)}…` : line;
  return found ? shown.split(found).join('«secret»') : shown;
}

export function scanLogForSecrets(log: string, secrets: readonly KnownSecret[]): LogFinding[] {
  const known = secrets
    .filter((s) => s.value.length >= MIN_SECRET_LENGTH)
    .flatMap((s) => spellings(s.value).map((spelling) => ({ label: s.label, spelling, value: s.value })));
  const findings: LogFinding[] = [];
  log.split('\n').forEach((line, index) => {
    // One finding per secret and line, however many specs recorded it or however it was spelled.
    const seen = new Set<string>();
    for (const { label, spelling, value } of known) {
      if (seen.has(value) || !line.includes(spelling)) continue;
      seen.add(value);
      findings.push({ lineNumber: index + 1, what: label, line: masked(line, spelling) });
    }
    for (const { what, pattern } of SECRET_PATTERNS) {
      const match = pattern.exec(line);
      if (match) findings.push({ lineNumber: index + 1, what, line: masked(line, match[0]) });
    }
  });
  return findings;
}

export function describeFindings(file: string, findings: readonly LogFinding[]): string {
  const shown = findings.slice(0, 20).map((f) => `  ${file}:${f.lineNumber}: ${f.what}\n    ${f.line}`);
  const more = findings.length > shown.length ? [`  … and ${findings.length - shown.length} more`] : [];
  return [`${findings.length} secret(s) in the server's log:`, ...shown, ...more].join('\n');
}
