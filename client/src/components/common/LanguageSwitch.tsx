import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage } from '../../i18n/index.ts';
import { LANGUAGES, toSupportedLanguage, type TLanguage } from '../../i18n/language.ts';

/** For pages outside the app shell (sign-in); inside it the user menu carries the switch. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('userMenu.language')}
      value={toSupportedLanguage(i18n.language) ?? 'en'}
      onChange={(value) => chooseLanguage(value as TLanguage)}
      data={LANGUAGES.map((lang) => ({ value: lang, label: t(`languages.${lang}`) }))}
      data-testid="language-switch"
    />
  );
}
