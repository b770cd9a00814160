import '@mantine/dates/styles.css';
import 'dayjs/locale/tr';
import { useState } from 'react';
import { Group, SegmentedControl } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconCalendarSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { HEALTH_WINDOWS, type THealthWindowName } from '../../../../shared/integration-health.ts';
import { useTimeContext } from '../../app/session.tsx';
import { toSupportedLanguage } from '../../i18n/language.ts';
import type { HealthView } from './health-window.ts';
import { daysToRange, rangeToDays } from './custom-range.ts';

/** 15m … 7d, or custom days; the page keeps the choice in the URL. */
export function WindowPicker({ view, onChange }: { view: HealthView; onChange: (view: HealthView) => void }) {
  const { t, i18n } = useTranslation();
  const ctx = useTimeContext();
  const language = toSupportedLanguage(i18n.language) ?? 'en';
  // "Custom" before both days are picked: the URL keeps the old window until the range is whole.
  const [pending, setPending] = useState(false);
  const [picked, setPicked] = useState<[string | null, string | null]>(
    view.window === 'custom' ? rangeToDays(view.from, view.to, ctx.timeZone) : [null, null],
  );
  const selected: THealthWindowName = pending ? 'custom' : view.window;

  return (
    <Group gap="xs" wrap="wrap" data-testid="window-picker">
      <SegmentedControl
        size="xs"
        value={selected}
        aria-label={t('health.window.label')}
        data={HEALTH_WINDOWS.map((w) => ({ value: w, label: t(`health.window.${w}`) }))}
        onChange={(value) => {
          if (value === 'custom') return setPending(true);
          setPending(false);
          onChange({ window: value as Exclude<THealthWindowName, 'custom'> });
        }}
        data-testid="window-options"
      />
      {selected === 'custom' ? (
        <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
          <DatePickerInput
            type="range"
            size="xs"
            aria-label={t('health.window.customRange')}
            placeholder={t('health.window.customPlaceholder')}
            leftSection={<IconCalendarSearch size={14} />}
            value={picked}
            maxDate={new Date()}
            allowSingleDateInRange
            valueFormat="D MMM YYYY"
            onChange={(value) => {
              setPicked(value);
              const [from, to] = value;
              const range = from && to ? daysToRange(from, to, ctx.timeZone) : null;
              if (range) {
                setPending(false);
                onChange({ window: 'custom', ...range });
              }
            }}
            w={220}
            data-testid="window-custom"
          />
        </DatesProvider>
      ) : null}
    </Group>
  );
}
