import { Button, Code, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TIcsLink } from '../../../../shared/ics.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatDate, formatDateTime, formatExact } from '../../lib/format-time.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { IcsModeBadge } from './IcsModeBadge.tsx';
import { calendarClient } from './calendar-client-name.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

function LastFetched({ link }: { link: TIcsLink }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  if (!link.lastUsedAt) {
    return (
      <Tooltip label={t('settings.calendar.neverFetchedHint')}>
        <Text span size="sm" c="dimmed">
          {t('settings.calendar.neverFetched')}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Stack gap={0}>
      <RelativeTime date={link.lastUsedAt} />
      <Text size="xs" c="dimmed">
        {formatDateTime(link.lastUsedAt, ctx)}
      </Text>
    </Stack>
  );
}

function ClientName({ userAgent }: { userAgent: string | null }) {
  const { t } = useTranslation();
  const client = calendarClient(userAgent);
  if (!client || !userAgent) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const label =
    client.kind === 'app'
      ? client.name
      : client.kind === 'browser'
        ? t('settings.calendar.clientBrowser', { name: client.name })
        : (client.name ?? t('settings.calendar.clientUnknown'));
  return (
    <Tooltip label={<Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{userAgent}</Text>}>
      <Text span size="sm" data-testid="ics-link-client">
        {label}
      </Text>
    </Tooltip>
  );
}

function LinkRow({ link, onRevoke }: { link: TIcsLink; onRevoke: (link: TIcsLink) => void }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  return (
    <Table.Tr data-testid="ics-link-row" data-link-id={link.id}>
      <Table.Td>
        <Text size="sm" fw={500} data-testid="ics-link-name-cell">
          {link.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <IcsModeBadge mode={link.mode} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={t('settings.calendar.tokenHint')}>
          <Code data-testid="ics-link-prefix">{`${link.prefix}…`}</Code>
        </Tooltip>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={formatExact(link.createdAt, ctx)}>
          <Text span size="sm" component="time" dateTime={link.createdAt.toISOString()}>
            {formatDate(link.createdAt, ctx)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td data-testid="ics-link-last-fetched">
        <LastFetched link={link} />
      </Table.Td>
      <Table.Td>
        <ClientName userAgent={link.lastUserAgent} />
      </Table.Td>
      <Table.Td ta="right">
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconLinkOff size={14} />}
          aria-label={t('settings.calendar.revokeLabel', { name: link.name })}
          onClick={() => onRevoke(link)}
          data-testid="ics-link-revoke"
        >
          {t('settings.calendar.revoke')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function IcsLinksTable({
  links,
  loading,
  onRevoke,
}: {
  links: TIcsLink[] | undefined;
  loading: boolean;
  onRevoke: (link: TIcsLink) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover data-testid="ics-links-table" aria-busy={loading} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.calendar.columns.name')}</Table.Th>
            <Table.Th>{t('settings.calendar.columns.mode')}</Table.Th>
            <Table.Th>{t('settings.calendar.columns.token')}</Table.Th>
            <Table.Th>{t('settings.calendar.columns.created')}</Table.Th>
            <Table.Th>{t('settings.calendar.columns.lastFetched')}</Table.Th>
            <Table.Th>{t('settings.calendar.columns.client')}</Table.Th>
            <Table.Th w={120} ta="right">
              <VisuallyHidden>{t('settings.calendar.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links
            ? links.map((link) => <LinkRow key={link.id} link={link} onRevoke={onRevoke} />)
            : <TableSkeletonRows rows={3} columns={7} narrow={{ column: 6, width: 64 }} testId="ics-links-loading-row" />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
