import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, tr } from './resources.ts';
import { LANGUAGE_STORAGE_KEY, LANGUAGES, pickLanguage, toSupportedLanguage, type TLanguage } from './language.ts';

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policy): fall back to profile and browser
  }
}

export function hasStoredLanguage(): boolean {
  return toSupportedLanguage(readStoredLanguage()) !== null;
}

function syncDocumentLanguage(lang: string) {
  document.documentElement.lang = lang;
}

export function initI18n() {
  const lng = pickLanguage({ stored: readStoredLanguage(), browser: navigator.languages });
  i18n.on('languageChanged', syncDocumentLanguage);
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, tr: { translation: tr } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes on render; escaping here would show &amp; in the UI.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  syncDocumentLanguage(lng);
  return i18n;
}

/** An explicit choice from the user menu: remembered on this browser. */
export function chooseLanguage(lang: TLanguage) {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not persisted, still applied for this tab.
  }
  void i18n.changeLanguage(lang);
}

/** After sign-in: the profile locale applies unless this browser has an explicit choice. */
export function applyProfileLanguage(userLocale: string) {
  const lang = pickLanguage({ stored: readStoredLanguage(), userLocale, browser: navigator.languages });
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

export { i18n };
