import { Badge, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TErrorGroup } from '../../../../shared/integration-health.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatCount } from '../admin-integrations/integration-format.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

/** The window's error groups (same masked message), most frequent first; a click filters the list. */
export function ErrorGroupsTable({
  groups,
  selected,
  onSelect,
  onPlaybook,
}: {
  groups: TErrorGroup[] | undefined;
  selected: string | null;
  onSelect: (fingerprint: string | null) => void;
  /** Opens the provider's playbook at the section that handles this error class (IH-5). */
  onPlaybook?: (errorClass: string) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useTimeContext();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover data-testid="error-groups-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('health.groups.columns.error')}</Table.Th>
            <Table.Th>{t('health.groups.columns.class')}</Table.Th>
            <Table.Th ta="right">{t('health.groups.columns.count')}</Table.Th>
            <Table.Th>{t('health.groups.columns.firstSeen')}</Table.Th>
            <Table.Th>{t('health.groups.columns.lastSeen')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups
            ? groups.map((g) => {
                const active = selected === g.fingerprint;
                return (
                  <Table.Tr key={g.fingerprint} data-testid="error-group-row" data-fingerprint={g.fingerprint} bg={active ? 'var(--mantine-primary-color-light)' : undefined}>
                    <Table.Td maw={420}>
                      <Text size="sm" lineClamp={2} title={g.sampleMessage ?? undefined}>
                        {g.errorCode ? (
                          <Code fz={11} mr={6}>
                            {g.errorCode}
                          </Code>
                        ) : null}
                        {g.sampleMessage ?? t('health.groups.noMessage')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {g.event}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none">
                        {t(`health.errorClass.${g.errorClass}`, { defaultValue: g.errorClass })}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      <Tooltip label={t('health.groups.totalCount', { count: g.totalCount, formatted: formatCount(g.totalCount, locale) })}>
                        <Text span size="sm" fw={600} data-testid="error-group-count">
                          {formatCount(g.count, locale)}
                        </Text>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime date={g.firstSeenAt} />
                    </Table.Td>
                    <Table.Td>
                      <RelativeTime date={g.lastSeenAt} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Button size="compact-xs" variant={active ? 'filled' : 'subtle'} onClick={() => onSelect(active ? null : g.fingerprint)} data-testid="error-group-filter">
                        {active ? t('health.groups.clear') : t('health.groups.show')}
                      </Button>
                      {onPlaybook ? (
                        <Button size="compact-xs" variant="subtle" ml={4} onClick={() => onPlaybook(g.errorClass)} data-testid="error-group-playbook">
                          {t('playbooks.groups.open')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })
            : <TableSkeletonRows rows={3} columns={6} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
