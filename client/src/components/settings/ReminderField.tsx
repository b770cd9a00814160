import { NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { REMINDER_MINUTES_MAX, REMINDER_PRESETS, formatReminderDuration, reminderMinutesFor, type ReminderChoice } from './reminder-presets.ts';

/** "No reminder", the presets, or "Custom…" with a minutes box; a sentence below says what it means. */
export function ReminderField({
  choice,
  custom,
  onChoiceChange,
  onCustomChange,
  choiceError,
  customError,
}: {
  choice: ReminderChoice;
  custom: number | string;
  onChoiceChange: (choice: ReminderChoice) => void;
  onCustomChange: (value: number | string) => void;
  choiceError?: React.ReactNode;
  customError?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const options = [
    { value: 'none', label: t('settings.profile.reminderNone') },
    ...REMINDER_PRESETS.map((minutes) => ({ value: String(minutes), label: formatReminderDuration(minutes, t) })),
    { value: 'custom', label: t('settings.profile.reminderCustom') },
  ];
  const minutes = reminderMinutesFor(choice, custom);
  const valid = minutes === null || (minutes !== undefined && Number.isInteger(minutes) && minutes >= 0 && minutes <= REMINDER_MINUTES_MAX);
  const summary =
    minutes === null
      ? t('settings.profile.reminderOff')
      : minutes === 0
        ? t('settings.profile.reminderAtStart')
        : t('settings.profile.reminderSummary', { duration: formatReminderDuration(minutes ?? 0, t) });

  return (
    <Stack gap="xs">
      <Select
        label={t('settings.profile.reminder')}
        description={t('settings.profile.reminderDescription')}
        data={options}
        value={choice}
        onChange={(value) => value && onChoiceChange(value as ReminderChoice)}
        allowDeselect={false}
        leftSection={<IconBell size={16} />}
        error={choiceError}
        data-testid="settings-default-reminder"
      />
      {choice === 'custom' ? (
        <NumberInput
          label={t('settings.profile.reminderCustomLabel')}
          description={t('settings.profile.reminderRange', { max: REMINDER_MINUTES_MAX.toLocaleString(i18n.language) })}
          value={custom}
          onChange={onCustomChange}
          min={0}
          max={REMINDER_MINUTES_MAX}
          step={5}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          hideControls
          rightSection={
            <Text size="xs" c="dimmed">
              {t('settings.profile.reminderCustomUnit')}
            </Text>
          }
          error={customError}
          maw={320}
          data-testid="settings-default-reminder-custom"
        />
      ) : null}
      {valid ? (
        <Text size="xs" c="dimmed" data-testid="settings-default-reminder-summary">
          {summary}
        </Text>
      ) : null}
    </Stack>
  );
}
