export const LANGUAGES = ['en', 'tr'] as const;
export type TLanguage = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'opsdeck.language';

/** 'tr-TR' -> 'tr'; anything we have no translation for -> null. */
export function toSupportedLanguage(tag: string | null | undefined): TLanguage | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as TLanguage) : null;
}

/** An explicit choice (stored) wins, then the user's profile locale, then the browser, then English. */
export function pickLanguage(opts: {
  stored?: string | null;
  userLocale?: string | null;
  browser?: readonly string[];
}): TLanguage {
  return (
    toSupportedLanguage(opts.stored) ??
    toSupportedLanguage(opts.userLocale) ??
    (opts.browser ?? []).map(toSupportedLanguage).find((lang): lang is TLanguage => lang !== null) ??
    'en'
  );
}

/**
 * Intl locale for dates and numbers: the profile's regional locale when it is in the
 * UI language (en-GB keeps day-month order), otherwise the UI language itself.
 */
export function formattingLocale(language: TLanguage, userLocale: string | null | undefined): string {
  if (userLocale && toSupportedLanguage(userLocale) === language) {
    try {
      return Intl.getCanonicalLocales(userLocale)[0] ?? language;
    } catch {
      return language;
    }
  }
  return language;
}
