import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Divider, Group, Input, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy, IconInfoCircle, IconLanguage } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, ZUserSettingsUpdateInput, type TUserSettings, type TUserSettingsUpdateInput } from '../../../../shared/settings.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { applyProfileLanguage, chooseLanguage, hasStoredLanguage } from '../../i18n/index.ts';
import { SettingsErrorAlert } from './SettingsErrorAlert.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';
import { ReminderField } from './ReminderField.tsx';
import { reminderChoiceFor, reminderMinutesFor, type ReminderChoice } from './reminder-presets.ts';
import { browserTimeZone, zoneOption } from './time-zones.ts';
import { useSettingsFieldError } from './use-settings-field-error.ts';

type Locale = TUserSettings['locale'];

type ProfileValues = {
  timezone: string;
  locale: Locale;
  reminder: ReminderChoice;
  /** The custom minutes as typed ('' while empty). */
  reminderCustom: number | string;
};

function toValues(settings: TUserSettings): ProfileValues {
  return {
    timezone: settings.timezone,
    locale: settings.locale,
    reminder: reminderChoiceFor(settings.defaultReminderMinutes),
    reminderCustom: settings.defaultReminderMinutes ?? 30,
  };
}

/** Only what changed: an untouched field is never re-validated (a legacy zone name keeps working). */
function changes(values: ProfileValues, saved: TUserSettings): TUserSettingsUpdateInput {
  const input: TUserSettingsUpdateInput = {};
  if (values.timezone !== saved.timezone) input.timezone = values.timezone;
  if (values.locale !== saved.locale) input.locale = values.locale;
  const minutes = reminderMinutesFor(values.reminder, values.reminderCustom);
  if (minutes !== saved.defaultReminderMinutes) input.defaultReminderMinutes = minutes;
  return input;
}

/** Server and schema errors come keyed by the API's field names; the reminder's lands on whichever box is showing. */
function formErrorsFrom(fieldErrors: Record<string, string>, reminder: ReminderChoice): Record<string, string> {
  const { defaultReminderMinutes, ...rest } = fieldErrors;
  return defaultReminderMinutes ? { ...rest, [reminder === 'custom' ? 'reminderCustom' : 'reminder']: defaultReminderMinutes } : rest;
}

/** The UTC default is what every account starts with, so a different browser zone is most likely the right one. */
const UNSET_ZONE = 'UTC';

export function ProfileSettingsForm({ settings }: { settings: TUserSettings }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useSettingsFieldError();
  const [saved, setSaved] = useState(settings);
  const [now] = useState(() => new Date());
  const browserZone = browserTimeZone();
  const browser = browserZone ? zoneOption(browserZone, now) : null;

  const form = useForm<ProfileValues>({
    initialValues: toValues(settings),
    validate: (values) => {
      if (values.reminder === 'custom' && reminderMinutesFor(values.reminder, values.reminderCustom) === undefined) {
        return { reminderCustom: 'Enter the reminder in minutes' };
      }
      const parsed = ZUserSettingsUpdateInput.safeParse(changes(values, saved));
      if (parsed.success) return {};
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field && !errors[field]) errors[field] = issue.message;
      }
      return formErrorsFrom(errors, values.reminder);
    },
  });

  // Preselect the browser's zone for an account still on the UTC default; it is saved only with the form.
  const preselect = saved.timezone === UNSET_ZONE && browserZone !== null && browserZone !== UNSET_ZONE && browser?.offset !== '';
  useEffect(() => {
    if (preselect && browserZone) form.setFieldValue('timezone', browserZone);
    // Once, on mount: afterwards the field is the user's.
  }, []);

  const update = useMutation(
    trpc.settings.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (updated, input) => {
        setSaved(updated);
        queryClient.setQueryData(trpc.settings.get.queryKey(), updated);
        const values = toValues(updated);
        form.setInitialValues(values);
        form.setValues(values);
        form.resetDirty(values);
        if (input.locale) {
          // The choice made here is explicit: it also replaces this browser's remembered language, if any.
          if (hasStoredLanguage()) chooseLanguage(updated.locale);
          else applyProfileLanguage(updated.locale);
        }
        // i18n.t, not t: t is still bound to the language this render started with.
        notifySuccess(i18n.t('settings.profile.saved'));
        // The session user carries the zone and locale every page formats with.
        await queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
      onError: (error) => {
        const info = readTrpcError(error);
        if (info.code === 'BAD_REQUEST' && hasFieldErrors(info)) {
          form.setErrors(formErrorsFrom(firstFieldErrors(info.fieldErrors), form.getValues().reminder));
        }
      },
    }),
  );

  const failure = update.isError ? readTrpcError(update.error) : null;
  const inlineFailure = failure && !(failure.code === 'BAD_REQUEST' && hasFieldErrors(failure));
  const values = form.getValues();
  const dirty = Object.keys(changes(values, saved)).length > 0;
  const zoneNow = (() => {
    try {
      return new Intl.DateTimeFormat(i18n.language, { timeZone: values.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
    } catch {
      return null;
    }
  })();

  return (
    <form
      noValidate
      data-testid="settings-profile-form"
      onSubmit={form.onSubmit((submitted) => {
        update.reset();
        update.mutate(changes(submitted, saved));
      })}
    >
      <Stack gap="lg">
        {inlineFailure ? <SettingsErrorAlert error={update.error} title={null} data-testid="settings-error" /> : null}

        <Stack gap={6}>
          <TimeZoneSelect
            label={t('settings.profile.timezone')}
            description={t('settings.profile.timezoneDescription')}
            value={values.timezone}
            onChange={(zone) => form.setFieldValue('timezone', zone)}
            browserZone={browserZone}
            extraZones={[saved.timezone]}
            now={now}
            error={fieldError(form.errors.timezone)}
            data-testid="settings-timezone"
          />
          {preselect && values.timezone === browserZone && values.timezone !== saved.timezone ? (
            <Text size="xs" c="dimmed" data-testid="settings-timezone-preselected">
              {t('settings.profile.browserPreselected', { zone: browser?.label ?? browserZone })}
            </Text>
          ) : browser && browserZone !== values.timezone ? (
            <Text size="xs" c="dimmed" data-testid="settings-timezone-suggestion">
              {t('settings.profile.browserSuggestion', { zone: browser.name, offset: browser.offset })}{' '}
              <Anchor component="button" type="button" size="xs" onClick={() => form.setFieldValue('timezone', browser.value)}>
                {t('settings.profile.useBrowserZone', { zone: browser.name })}
              </Anchor>
            </Text>
          ) : zoneNow ? (
            <Text size="xs" c="dimmed">
              {t('settings.profile.nowInZone', { time: zoneNow })}
            </Text>
          ) : null}
        </Stack>

        <Input.Wrapper
          label={t('settings.profile.locale')}
          description={t('settings.profile.localeDescription')}
          error={fieldError(form.errors.locale)}
          labelElement="div"
        >
          <Group gap="xs" mt={6}>
            <SegmentedControl
              aria-label={t('settings.profile.locale')}
              data={LOCALES.map((lang) => ({ value: lang, label: t(`languages.${lang}`) }))}
              value={values.locale}
              onChange={(value) => form.setFieldValue('locale', value as Locale)}
              data-testid="settings-locale"
            />
            <IconLanguage size={18} color="var(--mantine-color-dimmed)" aria-hidden />
          </Group>
        </Input.Wrapper>

        <ReminderField
          choice={values.reminder}
          custom={values.reminderCustom}
          onChoiceChange={(choice) => form.setFieldValue('reminder', choice)}
          onCustomChange={(value) => form.setFieldValue('reminderCustom', value)}
          choiceError={fieldError(form.errors.reminder)}
          customError={fieldError(form.errors.reminderCustom)}
        />

        <Divider />
        <Group justify="space-between" gap="sm" wrap="wrap">
          {dirty ? (
            <Alert variant="transparent" color="gray" p={0} icon={<IconInfoCircle size={16} />} data-testid="settings-unsaved">
              <Text size="sm" c="dimmed">
                {t('settings.profile.unsaved')}
              </Text>
            </Alert>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!dirty || update.isPending}
              onClick={() => {
                form.setValues(toValues(saved));
                form.clearErrors();
                update.reset();
              }}
            >
              {t('settings.profile.discard')}
            </Button>
            <Button type="submit" disabled={!dirty} loading={update.isPending} leftSection={<IconDeviceFloppy size={16} />} data-testid="settings-save">
              {t('settings.profile.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
