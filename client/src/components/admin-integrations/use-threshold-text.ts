import { useTranslation } from 'react-i18next';
import { useTimeContext } from '../../app/session.tsx';
import { thresholdValues } from './integration-format.ts';

/** "degraded ≥ 2% · failing ≥ 10% · min 5 errors", in the viewer's language and number format. */
export function useThresholdText() {
  const { t } = useTranslation();
  const { locale } = useTimeContext();
  return (thresholds: { degradedErrorRate: number; failingErrorRate: number; minErrors: number }): string => {
    const v = thresholdValues(thresholds, locale);
    return v.failing === null
      ? t('adminIntegrations.thresholds.neverFailing', { degraded: v.degraded, count: v.minErrors })
      : t('adminIntegrations.thresholds.text', { degraded: v.degraded, failing: v.failing, count: v.minErrors });
  };
}
