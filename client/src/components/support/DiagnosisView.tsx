import { useState, type ReactNode } from 'react';
import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconLock, IconMailForward, IconPlugConnected, IconRefresh, IconUnlink } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SUPPORT_RECENT_DAYS, SUPPORT_UPCOMING_DAYS, type TDiagEvent, type TDiagnosis } from '../../../../shared/support.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatDateTime, formatExact } from '../../lib/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { RsvpBadge } from '../calendar/RsvpBadge.tsx';
import { DeliveriesTable } from '../reminders/DeliveriesTable.tsx';
import { GoogleConnectionFacts, GoogleStatusBadge } from '../google/GoogleConnectionFacts.tsx';
import { VerdictList } from './VerdictList.tsx';
import { SupportActionModal, type SupportAction } from './SupportActionModal.tsx';
import { PrivateGrantsPanel } from './PrivateGrantsPanel.tsx';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

function Section({ id, title, hint, actions, children }: { id: string; title: string; hint?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" id={id} data-testid={id}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={4}>{title}</Title>
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Text size="sm" c="dimmed" data-testid={testId}>
      {children}
    </Text>
  );
}

function When({ date }: { date: Date }) {
  const ctx = useTimeContext();
  return (
    <Tooltip label={formatExact(date, ctx)}>
      <Text size="sm" component="time" dateTime={date.toISOString()} style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(date, ctx)}
      </Text>
    </Tooltip>
  );
}

function EventsTable({ events, onResend }: { events: TDiagEvent[]; onResend: (e: TDiagEvent) => void }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Empty testId="support-events-empty">{t('support.events.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table data-testid="support-events-table" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('support.events.columns.event')}</Table.Th>
            <Table.Th>{t('support.events.columns.starts')}</Table.Th>
            <Table.Th>{t('support.events.columns.reminder')}</Table.Th>
            <Table.Th>{t('support.events.columns.sent')}</Table.Th>
            <Table.Th>{t('support.events.columns.attendees')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id} data-testid="support-event-row" data-event-id={e.id}>
              <Table.Td maw={280}>
                <Stack gap={2}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={`/events/${e.id}`} size="sm" fw={600} lineClamp={1}>
                      {e.title}
                    </Anchor>
                    {e.private ? (
                      <Badge size="xs" variant="light" color="gray" leftSection={<IconLock size={10} />}>
                        {t('support.events.private')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Group gap={6}>
                    <Badge size="xs" variant="outline" color={e.when === 'UPCOMING' ? 'blue' : 'gray'}>
                      {t(e.when === 'UPCOMING' ? 'support.events.upcoming' : 'support.events.recent')}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t(e.relation === 'OWNER' ? 'support.events.owner' : 'support.events.attendee')}
                      {e.relation === 'ATTENDEE' ? ` · ${e.owner.name}` : ''}
                    </Text>
                  </Group>
                  {e.descriptionWithheld ? (
                    <Text size="xs" c="dimmed" fs="italic" data-testid="support-description-withheld">
                      {t('support.events.descriptionWithheld')}
                    </Text>
                  ) : e.description ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {e.description}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <When date={e.startsAt} />
              </Table.Td>
              <Table.Td style={numeric}>
                {e.reminderMinutes === null ? (
                  <Text size="sm" c="dimmed">
                    {t('support.events.noReminder')}
                  </Text>
                ) : (
                  <Text size="sm">{t('support.events.reminderMinutes', { minutes: e.reminderMinutes })}</Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.reminderSentAt ? (
                  <When date={e.reminderSentAt} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('support.events.notSent')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.attendees.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('support.events.noAttendees')}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {e.attendees.map((a) => (
                      <Group key={a.email} gap={6} wrap="nowrap">
                        <Text size="xs">{a.email}</Text>
                        <div style={{ flexShrink: 0 }}>
                          <RsvpBadge rsvp={a.rsvp} />
                        </div>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button size="compact-xs" variant="default" leftSection={<IconMailForward size={14} />} onClick={() => onResend(e)} data-testid="support-resend">
                  {t('support.events.resend')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The diagnosis of one user: verdicts, then the facts in the runbook's order (CAL-O2), then actions. */
export function DiagnosisView({ diagnosis }: { diagnosis: TDiagnosis }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<SupportAction | null>(null);
  const ctx = useTimeContext();
  const d = diagnosis;
  const account = d.google.account;
  const activeLinks = d.icsLinks.filter((l) => !l.revokedAt).length;
  return (
    <Stack gap="md" data-testid="support-diagnosis" data-user-id={d.user.id}>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('support.diagnosis.verdicts')}</Title>
          <Text size="xs" c="dimmed">
            {t('support.diagnosis.generated', { time: formatDateTime(d.generatedAt, ctx) })}
          </Text>
        </Group>
        <VerdictList verdicts={d.verdicts} now={d.generatedAt} />
      </Paper>

      <Section id="support-events" title={t('support.sections.events')} hint={t('support.sections.eventsHint', { upcoming: SUPPORT_UPCOMING_DAYS, recent: SUPPORT_RECENT_DAYS })}>
        <EventsTable events={d.events} onResend={(event) => setAction({ kind: 'resend', event })} />
      </Section>

      <Section id="support-deliveries" title={t('support.sections.deliveries')}>
        {d.deliveries.length === 0 ? <Empty testId="support-deliveries-empty">{t('support.deliveries.empty')}</Empty> : <DeliveriesTable deliveries={d.deliveries} />}
      </Section>

      <Section
        id="support-google"
        title={t('support.sections.google')}
        actions={
          account ? (
            <Group gap="xs">
              <GoogleStatusBadge account={account} />
              <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} disabled={account.status !== 'ACTIVE'} onClick={() => setAction({ kind: 'syncNow' })} data-testid="support-sync-now">
                {t('support.actions.syncNow')}
              </Button>
              <Button size="xs" variant="default" color="red" leftSection={<IconPlugConnected size={14} />} onClick={() => setAction({ kind: 'reconnect' })} data-testid="support-reconnect">
                {t('support.actions.reconnect')}
              </Button>
            </Group>
          ) : null
        }
      >
        {account ? (
          <Stack gap="md">
            <GoogleConnectionFacts account={account} withErrors withStatus={false} />
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('support.sections.pushes')}
              </Text>
              {d.pushes.length === 0 ? (
                <Empty>{t('support.google.noPushes')}</Empty>
              ) : (
                <Table data-testid="support-pushes">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('support.google.columns.event')}</Table.Th>
                      <Table.Th>{t('support.google.columns.state')}</Table.Th>
                      <Table.Th ta="right">{t('support.google.columns.attempts')}</Table.Th>
                      <Table.Th>{t('support.google.columns.since')}</Table.Th>
                      <Table.Th>{t('support.google.columns.error')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.pushes.map((p) => (
                      <Table.Tr key={p.eventId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/events/${p.eventId}`} size="sm">
                            {p.title}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={p.state === 'FAILED' ? 'red' : 'yellow'}>
                            {p.state}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right" style={numeric}>
                          {p.attempts}
                        </Table.Td>
                        <Table.Td>
                          <RelativeTime date={p.pendingSince} />
                        </Table.Td>
                        <Table.Td>{p.lastError ? <Code>{p.lastError}</Code> : null}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Stack>
        ) : (
          <Empty testId="support-google-none">{t('support.google.notConnected')}</Empty>
        )}
      </Section>

      <Section
        id="support-ics"
        title={t('support.sections.ics')}
        actions={
          <Button size="xs" variant="default" color="red" leftSection={<IconUnlink size={14} />} disabled={activeLinks === 0} onClick={() => setAction({ kind: 'revokeIcs' })} data-testid="support-revoke-ics">
            {t('support.actions.revokeIcs')}
          </Button>
        }
      >
        {d.icsLinks.length === 0 ? (
          <Empty testId="support-ics-empty">{t('support.ics.empty')}</Empty>
        ) : (
          <Table data-testid="support-ics-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('support.ics.columns.name')}</Table.Th>
                <Table.Th>{t('support.ics.columns.state')}</Table.Th>
                <Table.Th>{t('support.ics.columns.lastFetch')}</Table.Th>
                <Table.Th>{t('support.ics.columns.client')}</Table.Th>
                <Table.Th>{t('support.ics.columns.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.icsLinks.map((l) => (
                <Table.Tr key={l.id} id={`ics-${l.id}`}>
                  <Table.Td>
                    <Text size="sm">
                      {l.name} <Code>{l.prefix}…</Code>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={l.revokedAt ? 'gray' : 'green'}>
                      {t(l.revokedAt ? 'support.ics.revoked' : 'support.ics.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{l.lastUsedAt ? <RelativeTime date={l.lastUsedAt} /> : <Text size="sm" c="dimmed">{t('support.ics.never')}</Text>}</Table.Td>
                  <Table.Td maw={260}>
                    <Text size="xs" lineClamp={2}>
                      {l.lastUserAgent ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime date={l.createdAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section id="support-integration" title={t('support.sections.integration')}>
        {d.integrationEvents.length === 0 ? (
          <Empty testId="support-integration-empty">{t('support.integration.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table data-testid="support-integration-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('support.integration.columns.when')}</Table.Th>
                  <Table.Th>{t('support.integration.columns.provider')}</Table.Th>
                  <Table.Th>{t('support.integration.columns.event')}</Table.Th>
                  <Table.Th>{t('support.integration.columns.outcome')}</Table.Th>
                  <Table.Th>{t('support.integration.columns.error')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.integrationEvents.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <When date={e.occurredAt} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.provider}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{e.event}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={e.outcome === 'ok' ? 'green' : 'red'}>
                        {t(e.outcome === 'ok' ? 'support.integration.ok' : 'support.integration.error')}
                      </Badge>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="xs" lineClamp={2}>
                        {[e.errorCode, e.errorMessage].filter(Boolean).join(': ') || '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <PrivateGrantsPanel userId={d.user.id} userName={d.user.name} />

      <SupportActionModal action={action} userId={d.user.id} userName={d.user.name} onClose={() => setAction(null)} />
    </Stack>
  );
}
