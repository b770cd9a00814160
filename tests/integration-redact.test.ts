// IH-7: each pattern is removed before an integration event is written; look-alikes are kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRedactionRules, redactText, redactValue } from '../server/integrations/redact.ts';

describe('[IH-7][REDACT] text', () => {
  it.each([
    ['e-mail', 'Mailbox full for ayse.yilmaz+crm@example.com.tr (552)', 'Mailbox full for [email] (552)'],
    ['bearer token', 'GET /v1 with Authorization: Bearer ya29.a0AfB_byC-abcdef123456', 'GET /v1 with Authorization: Bearer [token]'],
    ['JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk expired', 'token [token] expired'],
    ['OpenAI key', 'Incorrect API key provided: sk-proj-AbCdEf1234567890abcdef', 'Incorrect API key provided: [api-key]'],
    ['SendGrid key', 'key SG.abcdefghijklmnop1234.qrstuvwxyzABCDEF5678 revoked', 'key [api-key] revoked'],
    ['AWS key id', 'The access key id AKIAIOSFODNN7EXAMPLE is invalid', 'The access key id [api-key] is invalid'],
    ['Google API key', 'https://maps.example/?key=AIzaSyD-1234567890abcdefghijklmnopqrstu', 'https://maps.example/?key=[api-key]'],
    ['secret query param', 'POST /oauth?client_secret=s3cr3t-value&grant_type=refresh_token', 'POST /oauth?client_secret=[redacted]&grant_type=refresh_token'],
    ['password in JSON text', '{"user":"x","password":"hunter2"}', '{"user":"x","password":"[redacted]"}'],
    ['card number', 'Card 4111 1111 1111 1111 declined', 'Card [card] declined'],
    ['card number without spaces', 'pan=5500000000000004', 'pan=[card]'],
    ['Turkish IBAN', 'Withdraw to TR33 0006 1005 1978 6457 8413 26 failed', 'Withdraw to [iban] failed'],
    ['German IBAN', 'IBAN DE89370400440532013000 rejected', 'IBAN [iban] rejected'],
    ['international phone', 'SMS to +90 532 123 45 67 undeliverable', 'SMS to [phone] undeliverable'],
    ['Turkish mobile', 'OTP for 0532 123 45 67 expired', 'OTP for [phone] expired'],
    ['E.164 without spaces', 'To +14155552671 failed: 21211', 'To [phone] failed: 21211'],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('keeps ordinary numbers, ids and codes that only look similar', () => {
    const text = 'Order 1234567890123 (not Luhn) took 1532 ms, HTTP 503, event 9f1c2d3e-aaaa-4bbb-8ccc-123456789012, reply 550 5.1.1';
    expect(redactText(text)).toBe(text);
  });
});

describe('[IH-7][REDACT] metadata', () => {
  it('drops values under secret-looking keys at any depth and redacts every other string', () => {
    const out = redactValue({
      status: 401,
      headers: { Authorization: 'Bearer abcdefghijklmnop', 'x-request-id': 'r-1' },
      request: { body: { phone: '+905321234567', note: 'call 0532 123 45 67', nested: [{ apiKey: 'whatever' }] } },
      to: ['a@example.com'],
    });
    expect(out).toEqual({
      status: 401,
      headers: { Authorization: '[redacted]', 'x-request-id': 'r-1' },
      request: { body: { phone: '[redacted]', note: 'call [phone]', nested: [{ apiKey: '[redacted]' }] } },
      to: ['[email]'],
    });
  });
});

describe('[IH-7][REDACT] repeated strings', () => {
  it('redacts a secret every time it comes, and keeps a clean string as it is, however often either repeats', () => {
    // redactText remembers strings it found clean; a secret must never be among them.
    for (let i = 0; i < 3; i++) {
      expect(redactText('ios')).toBe('ios');
      expect(redactText('ayse@example.com')).toBe('[email]');
      expect(redactText('SMS to +90 532 123 45 67')).toBe('SMS to [phone]');
    }
  });

  it('stays right after more distinct clean strings than it remembers', () => {
    for (let i = 0; i < 25_000; i++) expect(redactText(`usr_${i}`)).toBe(`usr_${i}`);
    expect(redactText('usr_1 ayse@example.com')).toBe('usr_1 [email]');
    expect(redactText('usr_24999')).toBe('usr_24999');
  });
});

describe('[IH-7][REDACT] shortcuts', () => {
  // redactText skips the rules for short strings that lack what every rule needs; these
  // strings are built from the characters the rules look for, so a wrong shortcut shows here.
  const ruleCharacters = fc.constantFrom(...'0123456789 +-().@=:_&eyJskSGAKIAxoxghodkTRDE'.split(''), 'a', 'Z', '\t', '\u00a0');
  it('gives what every rule in turn gives, for short strings of the rules\' own characters', () => {
    fc.assert(
      fc.property(fc.array(ruleCharacters, { maxLength: 24 }).map((cs) => cs.join('')), (text) => {
        expect(redactText(text)).toBe(applyRedactionRules(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('still redacts the shortest matches of each kind', () => {
    expect(redactText('a@b.cc')).toBe('[email]');
    expect(redactText('sig=x')).toBe('sig=[redacted]');
    expect(redactText('+905321234')).toBe('[phone]');
    expect(redactText('5321234567')).toBe('[phone]');
    expect(redactText('xoxb-123456789a')).toBe('[api-key]');
  });
});
