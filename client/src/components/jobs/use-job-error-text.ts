import { useTranslation } from 'react-i18next';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { translatableJobMessage } from './job-format.ts';

/** The jobs area's wording of an error, with a state name in the reader's language. */
export function useJobErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    const info = readTrpcError(error);
    if (info.code === null) return t('errors.network');
    const message = translatableJobMessage(info.message);
    const values = { ...message.values };
    if (typeof values.state === 'string') values.state = t(`jobs.state.${values.state}`, { defaultValue: values.state });
    return t(message.key, values);
  };
}
