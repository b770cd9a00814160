import { describe, expect, it } from 'vitest';
import { formattingLocale, pickLanguage, toSupportedLanguage } from './language.ts';

describe('pickLanguage', () => {
  it('prefers an explicit choice, then the profile locale, then the browser, then English', () => {
    expect(pickLanguage({ stored: 'en', userLocale: 'tr-TR', browser: ['tr'] })).toBe('en');
    expect(pickLanguage({ stored: null, userLocale: 'tr-TR', browser: ['en-US'] })).toBe('tr');
    expect(pickLanguage({ stored: null, userLocale: 'de-DE', browser: ['fr', 'tr-TR'] })).toBe('tr');
    expect(pickLanguage({ stored: 'xx', browser: ['de'] })).toBe('en');
  });

  it('maps regional tags to the languages we ship', () => {
    expect(toSupportedLanguage('TR_tr')).toBe('tr');
    expect(toSupportedLanguage('en-GB')).toBe('en');
    expect(toSupportedLanguage('de')).toBeNull();
  });
});

describe('formattingLocale', () => {
  it('keeps the profile region when it matches the UI language', () => {
    expect(formattingLocale('en', 'en-GB')).toBe('en-GB');
    expect(formattingLocale('en', 'tr-TR')).toBe('en');
    expect(formattingLocale('tr', undefined)).toBe('tr');
  });
});
