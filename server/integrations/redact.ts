// IH-7: integration events are read by many people and kept for weeks, so secrets and
// personal data are removed before the write, not hidden on display. Patterns run from the
// most specific (keys with known prefixes) to the most general (long digit runs), and digit
// patterns are checked (Luhn, mod-97) so an order number is not mistaken for a card.

const SECRET_KEY_NAME = /pass(word|wd)?|secret|token|authori[sz]ation|api[-_]?key|cookie|session|credential|private[-_]?key|signature|card|iban|cvv|cvc|phone|msisdn|e-?mail/i;

type Rule = { name: string; pattern: RegExp; replace: (match: string, ...groups: string[]) => string };

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const RULES: Rule[] = [
  { name: 'bearer', pattern: /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, replace: (_m, scheme) => `${scheme} [token]` },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: () => '[token]' },
  {
    name: 'api-key',
    // OpenAI/Stripe sk-/sk_live_, SendGrid SG., AWS AKIA, Google AIza, Slack xox*, GitHub gh*_, ours odk_.
    pattern: /\b(?:sk|pk|rk)[-_](?:live_|test_|proj-)?[A-Za-z0-9_-]{16,}|\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|\bAKIA[0-9A-Z]{16}\b|\bAIza[0-9A-Za-z_-]{35}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bodk_[A-Za-z0-9_-]{20,}/g,
    replace: () => '[api-key]',
  },
  {
    name: 'secret-param',
    pattern: /\b(api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|token|secret|client[_-]?secret|password|passwd|signature|sig)(["']?\s*[=:]\s*["']?)([^&\s"',;]+)/gi,
    replace: (_m, key, sep) => `${key}${sep}[redacted]`,
  },
  // The local part takes every character RFC 5322 allows unquoted (o'brien@…, !x@…): with the
  // narrower class such addresses were stored verbatim (found by tests/bad-input-http.test.ts).
  { name: 'email', pattern: /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, replace: () => '[email]' },
  {
    name: 'iban',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    // Turkish IBANs are redacted even with a typo in them; others only when the checksum holds.
    replace: (m) => (/^TR\d{2}/.test(m) || ibanValid(m) ? '[iban]' : m),
  },
  {
    name: 'card',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    replace: (m) => (luhnValid(m.replace(/[ -]/g, '')) ? '[card]' : m),
  },
  {
    name: 'phone',
    // International (+90 532 123 45 67), Turkish mobile (0532 123 45 67) and US ((555) 123-4567).
    pattern: /\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b|\b0?5\d{2}[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b/g,
    replace: () => '[phone]',
  },
];

// Most strings an event carries (metadata keys and values, subjects) come again and again and
// hold nothing to redact; the eight patterns over each of them were ~3 µs of the ingestion
// path's CPU per event (bench/README.md, ingestion). A short string the patterns left as it was
// is remembered, so the set never holds anything that needed redacting; it is bounded, and
// emptied when full rather than kept in order.
const CLEAN_MAX_LENGTH = 200;
const CLEAN_MAX_ENTRIES = 20_000;
const knownClean = new Set<string>();

/** Every rule, in order, on the text: what redactText returns, without its shortcuts. */
export function applyRedactionRules(text: string): string {
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: string[]) => string);
  return out;
}

// What every rule needs to match: 15 characters (keys, IBANs, JWTs, cards), whitespace
// (schemes), `@` (e-mail), `=` or `:` (secret parameters), `+` or 10 digits (phones). A shorter
// string with none of them (user ids, platform names, codes) cannot hold anything to redact.
const MIN_UNGATED_LENGTH = 15;
const GATE_CHARACTERS = /[\s@=:+]/;

function cannotMatch(text: string): boolean {
  if (text.length >= MIN_UNGATED_LENGTH || GATE_CHARACTERS.test(text)) return false;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits < 10;
}

export function redactText(text: string): string {
  if (cannotMatch(text) || knownClean.has(text)) return text;
  const out = applyRedactionRules(text);
  if (out === text && text.length <= CLEAN_MAX_LENGTH) {
    if (knownClean.size >= CLEAN_MAX_ENTRIES) knownClean.clear();
    knownClean.add(text);
  }
  return out;
}

const MAX_DEPTH = 6;

/**
 * Values under secret-looking keys are dropped whole; every other string is pattern-redacted,
 * keys included: senders do put e-mails and card numbers in keys (a map by recipient), and the
 * bad-input properties found them stored verbatim (tests/bad-input-http.test.ts).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [redactText(key), SECRET_KEY_NAME.test(key) ? '[redacted]' : redactValue(v, depth + 1)]),
  );
}
