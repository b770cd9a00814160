import '@mantine/dates/styles.css';
import 'dayjs/locale/tr';
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Divider,
  Group,
  Input,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput, DatesProvider, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconClock, IconRefresh, IconWorld } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EVENT_TITLE_MAX, REMINDER_MINUTES_MAX, type TEventDetail } from '../../../../shared/calendar-events.ts';
import { useTimeContext } from '../../app/session.tsx';
import { toSupportedLanguage } from '../../i18n/language.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors, useFieldError } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { AttendeesField } from './AttendeesField.tsx';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';
import { formatCalendarDate, timeParts } from './event-format.ts';
import {
  REMINDER_PRESETS,
  eventFormValues,
  eventPatch,
  instantToWallClock,
  parseDateText,
  toEventInput,
  validateEventValues,
  wallClockIssue,
  wallClockToInstant,
  withAllDay,
  withStartMoved,
  type EventFormValues,
  type ReminderChoice,
} from './event-form-values.ts';
import { reminderLabel } from './reminder-label.ts';
import { useInvalidateEvents } from './use-calendar-events.ts';

export type EventFormTarget = { mode: 'create'; values: EventFormValues } | { mode: 'edit'; event: TEventDetail };

/** Error keys the form shows next to an input; anything else goes in the alert on top. */
const SHOWN_FIELDS = new Set(['title', 'start', 'end', 'timezone', 'location', 'description', 'reminderMinutes', 'attendees']);
const isShown = (key: string) => SHOWN_FIELDS.has(key) || /^attendees\.\d+\.email$/.test(key);

export function EventFormModal({
  target,
  opened,
  onClose,
  onSaved,
}: {
  target: EventFormTarget | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (event: TEventDetail) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{target?.mode === 'edit' ? t('calendar.form.titleEdit') : t('calendar.form.titleCreate')}</Text>}
      size="lg"
      fullScreen={fullScreen}
      closeOnClickOutside={false}
    >
      {target ? (
        <EventForm key={target.mode === 'edit' ? `${target.event.id}:${target.event.sequence}` : JSON.stringify(target.values)} target={target} onClose={onClose} onSaved={onSaved} />
      ) : null}
    </Modal>
  );
}

function EventForm({ target, onClose, onSaved }: { target: EventFormTarget; onClose: () => void; onSaved?: (event: TEventDetail) => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ctx = useTimeContext();
  const fieldError = useFieldError();
  const invalidateEvents = useInvalidateEvents();
  const language = toSupportedLanguage(i18n.language) ?? 'en';
  // The stored event the edit is based on; a reload after a conflict replaces it.
  const [base, setBase] = useState<TEventDetail | null>(target.mode === 'edit' ? target.event : null);

  const form = useForm<EventFormValues>({
    mode: 'controlled',
    initialValues: target.mode === 'edit' ? eventFormValues(target.event) : target.values,
    validate: validateEventValues,
    validateInputOnChange: false,
  });
  const values = form.values;

  const onSuccess = async (saved: TEventDetail, created: boolean) => {
    notifySuccess(t(created ? 'calendar.form.created' : 'calendar.form.updated', { title: saved.title }));
    await invalidateEvents();
    onSaved?.(saved);
    onClose();
  };
  const onError = (error: unknown) => {
    const info = readTrpcError(error);
    if (info.code === 'BAD_REQUEST' && hasFieldErrors(info)) form.setErrors(firstFieldErrors(info.fieldErrors));
  };
  const create = useMutation(
    trpc.calendarEvents.create.mutationOptions({ meta: { inlineErrors: true }, onSuccess: (saved) => onSuccess(saved, true), onError }),
  );
  const update = useMutation(
    trpc.calendarEvents.update.mutationOptions({ meta: { inlineErrors: true }, onSuccess: (saved) => onSuccess(saved, false), onError }),
  );
  const mutation = base ? update : create;
  const failure = mutation.isError ? readTrpcError(mutation.error) : null;
  const conflict = failure?.code === 'CONFLICT';
  const inlineFailure = failure && !conflict && !(failure.code === 'BAD_REQUEST' && hasFieldErrors(failure));
  const otherErrors = Object.entries(form.errors).filter(([key, message]) => message && !isShown(key));

  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  async function reload() {
    if (!base) return;
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await queryClient.fetchQuery({ ...trpc.calendarEvents.get.queryOptions({ id: base.id }), staleTime: 0 });
      setBase(fresh);
      form.setValues(eventFormValues(fresh));
      form.resetDirty(eventFormValues(fresh));
      form.clearErrors();
      update.reset();
    } catch (error) {
      // Most likely cancelled meanwhile: say so rather than leave the button spinning.
      setReloadError(error);
    } finally {
      setReloading(false);
    }
  }

  function submit(next: EventFormValues) {
    if (!base) {
      create.mutate(toEventInput(next));
      return;
    }
    const patch = eventPatch(toEventInput(eventFormValues(base)), toEventInput(next));
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: base.id, expectedSequence: base.sequence, patch });
  }

  // Field setters that also clear the contract-level error the change may fix.
  const set = (next: EventFormValues, ...clear: string[]) => {
    form.setValues(next);
    for (const key of clear) form.clearFieldError(key);
  };

  const reminderData = useMemo(
    () => [
      { value: 'none', label: t('calendar.reminder.none') },
      ...REMINDER_PRESETS.map((m) => ({ value: String(m), label: reminderLabel(t, m) })),
      { value: 'custom', label: t('calendar.form.reminderCustomOption') },
    ],
    [t],
  );

  const zoneDiffers = values.timezone !== ctx.timeZone;
  const startIssue = values.allDay ? null : wallClockIssue({ date: values.startDate, time: values.startTime }, values.timezone);
  const endIssue = values.allDay ? null : wallClockIssue({ date: values.endDate, time: values.endTime }, values.timezone);

  const dateInput = (which: 'start' | 'end') => {
    const key = which === 'start' ? 'startDate' : 'endDate';
    return (
      <DateInput
        aria-label={t(`calendar.form.${which}Date`)}
        value={values[key] || null}
        onChange={(date) => {
          const v = date ?? '';
          if (which === 'start') set(withStartMoved(values, { date: v }), 'start', 'end');
          else set({ ...values, endDate: v }, 'end');
        }}
        valueFormat={(date) => formatCalendarDate(date.slice(0, 10), ctx.locale)}
        dateParser={(text) => parseDateText(text, language)}
        popoverProps={{ withinPortal: true, zIndex: 400 }}
        error={Boolean(form.errors[which])}
        style={{ flex: '1 1 180px' }}
        data-testid={`event-${which}`}
      />
    );
  };
  const timeInput = (which: 'start' | 'end') => {
    const key = which === 'start' ? 'startTime' : 'endTime';
    return (
      <TimeInput
        aria-label={t(`calendar.form.${which}Time`)}
        value={values[key]}
        onChange={(event) => {
          const v = event.currentTarget.value;
          if (which === 'start') set(withStartMoved(values, { time: v }), 'start', 'end');
          else set({ ...values, endTime: v }, 'end');
        }}
        leftSection={<IconClock size={16} />}
        error={Boolean(form.errors[which])}
        style={{ flex: '0 1 140px' }}
        data-testid={`event-${which}-time`}
      />
    );
  };

  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1 }}>
      <form noValidate onSubmit={form.onSubmit(submit)} data-testid="event-form">
        <Stack gap="md">
          {conflict ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={t('calendar.form.conflictTitle')} data-testid="event-conflict">
              <Text size="sm">{t('calendar.form.conflictBody')}</Text>
              <Button size="xs" variant="default" mt="sm" leftSection={<IconRefresh size={14} />} loading={reloading} onClick={() => void reload()}>
                {t('calendar.form.reload')}
              </Button>
            </Alert>
          ) : null}
          {reloadError ? <ErrorAlert error={reloadError} title={null} data-testid="event-reload-error" /> : null}
          {inlineFailure ? <ErrorAlert error={mutation.error} title={null} data-testid="event-form-error" /> : null}
          {otherErrors.length > 0 ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="event-form-error">
              {otherErrors.map(([key, message]) => (
                <Text size="sm" key={key}>
                  {fieldError(message as ReactNode)}
                </Text>
              ))}
            </Alert>
          ) : null}

          <TextInput
            label={t('calendar.form.title')}
            placeholder={t('calendar.form.titlePlaceholder')}
            required
            data-autofocus
            maxLength={EVENT_TITLE_MAX}
            autoComplete="off"
            {...form.getInputProps('title')}
            error={fieldError(form.errors.title)}
            data-testid="event-title"
          />

          <Switch
            label={t('calendar.form.allDay')}
            checked={values.allDay}
            onChange={(event) => set(withAllDay(values, event.currentTarget.checked), 'start', 'end')}
            data-testid="event-all-day"
          />

          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Input.Wrapper label={t('calendar.form.start')} required error={fieldError(form.errors.start)}>
              <Group gap="xs" mt={4} wrap="nowrap" align="flex-start">
                {dateInput('start')}
                {values.allDay ? null : timeInput('start')}
              </Group>
            </Input.Wrapper>
            <Input.Wrapper label={values.allDay ? t('calendar.form.endAllDay') : t('calendar.form.end')} required error={fieldError(form.errors.end)}>
              <Group gap="xs" mt={4} wrap="nowrap" align="flex-start">
                {dateInput('end')}
                {values.allDay ? null : timeInput('end')}
              </Group>
            </Input.Wrapper>
          </SimpleGrid>

          <TimeZoneSelect
            label={t('calendar.form.timezone')}
            description={values.allDay ? t('calendar.form.timezoneAllDayHint') : undefined}
            placeholder={t('calendar.form.timezonePlaceholder')}
            leftSection={<IconWorld size={16} />}
            value={values.timezone}
            onChange={(zone) => set({ ...values, timezone: zone }, 'timezone', 'start', 'end')}
            include={[ctx.timeZone]}
            error={fieldError(form.errors.timezone)}
            comboboxProps={{ zIndex: 400 }}
            data-testid="event-timezone"
          />
          {!values.allDay && zoneDiffers ? <ZoneHint values={values} /> : null}
          {startIssue || endIssue ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="event-dst-warning">
              {[
                { issue: startIssue, time: values.startTime },
                { issue: endIssue, time: values.endTime },
              ].map(({ issue, time }, i) =>
                issue ? (
                  <Text size="sm" key={i}>
                    {issue.kind === 'gap'
                      ? t('calendar.form.dstGap', { time, zone: values.timezone, savedAs: issue.savedAs })
                      : t('calendar.form.dstAmbiguous', { time, zone: values.timezone })}
                  </Text>
                ) : null,
              )}
            </Alert>
          ) : null}

          <Divider />

          <TextInput
            label={t('calendar.form.location')}
            placeholder={t('calendar.form.locationPlaceholder')}
            autoComplete="off"
            {...form.getInputProps('location')}
            error={fieldError(form.errors.location)}
            data-testid="event-location"
          />
          {values.descriptionWithheld ? (
            <Input.Wrapper label={t('calendar.form.description')}>
              <Text size="sm" c="dimmed" data-testid="event-description-withheld">
                {t('calendar.form.descriptionWithheld')}
              </Text>
            </Input.Wrapper>
          ) : (
            <Textarea
              label={t('calendar.form.description')}
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('description')}
              error={fieldError(form.errors.description)}
              data-testid="event-description"
            />
          )}
          <Switch
            label={t('calendar.form.private')}
            description={t('calendar.form.privateHint')}
            {...form.getInputProps('private', { type: 'checkbox' })}
            data-testid="event-private"
          />

          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              label={t('calendar.form.reminder')}
              data={reminderData}
              value={values.reminder}
              allowDeselect={false}
              onChange={(choice) => choice && set({ ...values, reminder: choice as ReminderChoice }, 'reminderMinutes')}
              error={values.reminder === 'custom' ? undefined : fieldError(form.errors.reminderMinutes)}
              comboboxProps={{ zIndex: 400 }}
              style={{ flex: '1 1 200px' }}
              data-testid="event-reminder"
            />
            {values.reminder === 'custom' ? (
              <NumberInput
                label={t('calendar.form.reminderCustom')}
                min={0}
                max={REMINDER_MINUTES_MAX}
                allowDecimal={false}
                allowNegative={false}
                suffix={` ${t('calendar.form.minutesSuffix')}`}
                value={values.reminderCustom}
                onChange={(minutes) => set({ ...values, reminderCustom: minutes }, 'reminderMinutes')}
                error={fieldError(form.errors.reminderMinutes)}
                style={{ flex: '1 1 160px' }}
                data-testid="event-reminder-custom"
              />
            ) : null}
          </Group>

          <AttendeesField
            value={values.attendees}
            onChange={(attendees) => {
              form.setFieldValue('attendees', attendees);
              // Row indexes shift on removal: old row errors no longer point at the right row.
              form.setErrors(Object.fromEntries(Object.entries(form.errors).filter(([key]) => !key.startsWith('attendees'))));
            }}
            errors={Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]))}
            rsvpByEmail={base ? new Map(base.attendees.map((a) => [a.email, a.rsvp])) : undefined}
          />

          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={conflict} data-testid="event-save">
              {base ? t('calendar.form.saveChanges') : t('calendar.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesProvider>
  );
}

/** "= 21:00 – 22:00 in your time zone (Europe/Istanbul)", with the date when it falls on another day. */
function ZoneHint({ values }: { values: EventFormValues }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const start = wallClockToInstant(values.startDate, values.startTime, values.timezone);
  const end = wallClockToInstant(values.endDate, values.endTime, values.timezone);
  if (!start || !end || end <= start) return null;
  const sameDay = instantToWallClock(start, ctx.timeZone).date === values.startDate && instantToWallClock(end, ctx.timeZone).date === values.endDate;
  const fmt = new Intl.DateTimeFormat(ctx.locale, {
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    ...timeParts(ctx.locale),
    timeZone: ctx.timeZone,
  });
  return (
    <Text size="sm" c="dimmed" mt={-8} data-testid="event-zone-hint">
      {t('calendar.form.inYourZone', { time: fmt.formatRange(start, end), zone: ctx.timeZone })}
    </Text>
  );
}
