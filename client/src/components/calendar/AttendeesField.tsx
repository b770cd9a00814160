import { useState, type KeyboardEvent } from 'react';
import { ActionIcon, Button, Group, Input, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ZEmail } from '../../../../shared/auth.ts';
import { EVENT_MAX_ATTENDEES, type TRsvpStatus } from '../../../../shared/calendar-events.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import type { AttendeeFormValue } from './event-form-values.ts';
import { RsvpBadge } from './RsvpBadge.tsx';

/**
 * Add people by e-mail (name optional), see who is on the list and remove them. Errors for a
 * row (`attendees.3.email`) show on that row; list-wide ones (too many) under the list.
 */
export function AttendeesField({
  value,
  onChange,
  errors,
  rsvpByEmail,
}: {
  value: AttendeeFormValue[];
  onChange: (next: AttendeeFormValue[]) => void;
  errors: Record<string, string | undefined>;
  /** For an existing event: what each attendee answered so far. */
  rsvpByEmail?: ReadonlyMap<string, TRsvpStatus>;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const full = value.length >= EVENT_MAX_ATTENDEES;

  function add() {
    const parsed = ZEmail.safeParse(email);
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? 'Enter a valid e-mail address');
      return;
    }
    if (value.some((a) => a.email.trim().toLowerCase() === parsed.data)) {
      setInputError(t('calendar.form.attendeeAlreadyListed', { email: parsed.data }));
      return;
    }
    if (full) return;
    onChange([...value, { email: parsed.data, name: name.trim() }]);
    setEmail('');
    setName('');
    setInputError(null);
  }

  // Enter adds the attendee instead of submitting the whole form.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };

  return (
    <Input.Wrapper
      label={t('calendar.form.attendees')}
      description={t('calendar.form.attendeesHint', { max: EVENT_MAX_ATTENDEES })}
      error={fieldError(errors.attendees)}
    >
      <Stack gap="xs" mt={6}>
        <Group gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            aria-label={t('calendar.form.attendeeEmail')}
            placeholder={t('calendar.form.attendeeEmail')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setInputError(null);
            }}
            onKeyDown={onEnter}
            error={fieldError(inputError)}
            disabled={full}
            style={{ flex: '2 1 200px' }}
            data-testid="event-attendee-email"
          />
          <TextInput
            aria-label={t('calendar.form.attendeeName')}
            placeholder={t('calendar.form.attendeeName')}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            onKeyDown={onEnter}
            disabled={full}
            style={{ flex: '1 1 140px' }}
            data-testid="event-attendee-name"
          />
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} disabled={full || email.trim() === ''} data-testid="event-attendee-add">
            {t('calendar.form.addAttendee')}
          </Button>
        </Group>

        {value.length > 0 ? (
          <Paper withBorder radius="sm">
            <Stack gap={0}>
              {value.map((attendee, index) => {
                const rowError = errors[`attendees.${index}.email`];
                const rsvp = rsvpByEmail?.get(attendee.email.trim().toLowerCase());
                return (
                  <Group
                    key={attendee.email}
                    gap="xs"
                    px="sm"
                    py={6}
                    wrap="nowrap"
                    justify="space-between"
                    style={index > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
                    data-testid="event-attendee-row"
                    data-email={attendee.email}
                  >
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" truncate="end">
                        {attendee.name ? `${attendee.name} · ` : ''}
                        <Text span size="sm" c={attendee.name ? 'dimmed' : undefined}>
                          {attendee.email}
                        </Text>
                      </Text>
                      {rowError ? (
                        <Text size="xs" c="red" data-testid="event-attendee-error">
                          {fieldError(rowError)}
                        </Text>
                      ) : null}
                    </Stack>
                    <Group gap={6} wrap="nowrap">
                      {rsvp ? <RsvpBadge rsvp={rsvp} /> : null}
                      <Tooltip label={t('calendar.form.removeAttendee', { email: attendee.email })}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('calendar.form.removeAttendee', { email: attendee.email })}
                          onClick={() => onChange(value.filter((_, i) => i !== index))}
                          data-testid="event-attendee-remove"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </Paper>
        ) : (
          <Text size="xs" c="dimmed">
            {t('calendar.form.noAttendees')}
          </Text>
        )}
        <Text size="xs" c={full ? 'orange' : 'dimmed'} ta="right" data-testid="event-attendee-count">
          {t('calendar.form.attendeeCount', { count: value.length, max: EVENT_MAX_ATTENDEES })}
        </Text>
      </Stack>
    </Input.Wrapper>
  );
}
