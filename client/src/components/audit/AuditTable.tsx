import { Fragment, useState } from 'react';
import { Button, Code, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '../../../../shared/audit.ts';
import { useTimeContext } from '../../app/session.tsx';
import { formatDateTime, formatExact } from '../../lib/format-time.ts';
import { changedFields } from './audit-change.ts';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';

function Change({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const changes = changedFields(entry.before, entry.after);
  return (
    <Stack gap={4} data-testid="audit-change">
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.nothing')}
        </Text>
      ) : (
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.field} data-testid="audit-change-field" data-field={c.field}>
                <Table.Td>
                  <Code>{c.field}</Code>
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{c.before ?? <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{c.after ?? <Text span c="dimmed">—</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {entry.requestId ? (
        <Text size="xs" c="dimmed">
          {t('audit.requestId', { id: entry.requestId })}
        </Text>
      ) : null}
    </Stack>
  );
}

export function AuditTable({ entries }: { entries: TAuditEntry[] | undefined }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.columns.when')}</Table.Th>
            <Table.Th>{t('audit.columns.who')}</Table.Th>
            <Table.Th>{t('audit.columns.action')}</Table.Th>
            <Table.Th>{t('audit.columns.target')}</Table.Th>
            <Table.Th ta="right">{t('audit.columns.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries
            ? entries.map((e) => {
                const expanded = open.has(e.id);
                return (
                  <Fragment key={e.id}>
                    <Table.Tr data-testid="audit-row" data-action={e.action}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label={formatExact(e.createdAt, ctx)}>
                          <Text size="sm" component="time" dateTime={e.createdAt.toISOString()}>
                            {formatDateTime(e.createdAt, ctx)}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        {e.actor ? (
                          <Stack gap={0}>
                            <Text size="sm">{e.actor.name}</Text>
                            <Text size="xs" c="dimmed">
                              {e.actor.email}
                            </Text>
                          </Stack>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('audit.system')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Code>{e.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.targetType}</Text>
                        {e.targetId ? (
                          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                            {e.targetId}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                          onClick={() => toggle(e.id)}
                          aria-expanded={expanded}
                          data-testid="audit-toggle"
                        >
                          {expanded ? t('audit.hide') : t('audit.show')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded ? (
                      <Table.Tr>
                        <Table.Td colSpan={5} bg="var(--mantine-color-default-hover)">
                          <Change entry={e} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })
            : <TableSkeletonRows rows={4} columns={5} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function AuditCount({ count, more }: { count: number; more: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Text size="sm" c="dimmed" data-testid="audit-count">
        {more ? t('audit.countMore', { count }) : t('audit.count', { count })}
      </Text>
    </Group>
  );
}
