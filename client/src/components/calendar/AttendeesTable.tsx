import { Badge, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TAttendee } from '../../../../shared/calendar-events.ts';
import { RsvpBadge } from './RsvpBadge.tsx';

/** Who is invited and what they answered; `withUser` adds whether the e-mail is an opsdeck account. */
export function AttendeesTable({ attendees, withUser = false }: { attendees: TAttendee[]; withUser?: boolean }) {
  const { t } = useTranslation();
  if (attendees.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="attendees-empty">
        {t('calendar.detail.noAttendees')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={withUser ? 560 : 0}>
      <Table verticalSpacing={4} withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.attendee.email')}</Table.Th>
            <Table.Th>{t('calendar.attendee.name')}</Table.Th>
            <Table.Th>{t('calendar.attendee.rsvp')}</Table.Th>
            {withUser ? <Table.Th>{t('calendar.attendee.account')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attendees.map((a) => (
            <Table.Tr key={a.id} data-testid="attendee-row" data-email={a.email}>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }} data-testid="attendee-email">
                  {a.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={a.name ? undefined : 'dimmed'} data-testid="attendee-name">
                  {a.name ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <RsvpBadge rsvp={a.rsvp} />
              </Table.Td>
              {withUser ? (
                <Table.Td data-testid="attendee-user">
                  {a.userId ? (
                    <Tooltip label={a.userId}>
                      <Badge variant="outline" color="indigo">
                        {t('calendar.attendee.linked')}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('calendar.attendee.external')}
                    </Text>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
