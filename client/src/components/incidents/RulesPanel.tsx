import { useState } from 'react';
import { Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALERT_RULE_KINDS, type TAlertRule } from '../../../../shared/alerts.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { TableSkeletonRows } from '../common/TableSkeletonRows.tsx';
import { TierBadge } from '../admin-integrations/TierBadge.tsx';
import { RuleEditModal } from './RuleEditModal.tsx';
import { ruleSummary } from './rule-summary.ts';

export function RulesPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const ctx = useTimeContext();
  const rules = useQuery({ ...trpc.alerts.rules.queryOptions({}), meta: { inlineErrors: true } });
  const [editing, setEditing] = useState<{ rule: TAlertRule; providerName: string } | null>(null);
  if (rules.isError) return <ErrorAlert error={rules.error} title={t('incidents.rules.loadError')} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />;
  return (
    <Paper withBorder>
      <Text size="sm" c="dimmed" p="sm">
        {t('incidents.rules.intro')}
      </Text>
      <Table.ScrollContainer minWidth={1000}>
        <Table data-testid="rules-table" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('incidents.list.provider')}</Table.Th>
              {ALERT_RULE_KINDS.map((k) => (
                <Table.Th key={k}>{t(`incidents.ruleKind.${k}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.data
              ? rules.data.map((p) => (
                  <Table.Tr key={p.provider} data-testid="rules-row" data-provider={p.provider}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={600}>
                          {p.displayName}
                        </Text>
                        <TierBadge tier={p.tier} />
                      </Stack>
                    </Table.Td>
                    {ALERT_RULE_KINDS.map((kind) => {
                      const rule = p.rules.find((r) => r.kind === kind);
                      if (!rule) return <Table.Td key={kind}>—</Table.Td>;
                      return (
                        <Table.Td key={kind} data-testid="rule-cell" data-kind={kind} data-enabled={rule.enabled}>
                          <Stack gap={2} align="flex-start">
                            <Text size="xs" c={rule.enabled ? undefined : 'dimmed'} td={rule.enabled ? undefined : 'line-through'}>
                              {ruleSummary(kind, rule.params, t, ctx.locale)}
                            </Text>
                            <Badge size="xs" variant="light" color={rule.isDefault ? 'gray' : 'blue'}>
                              {rule.enabled ? (rule.isDefault ? t('incidents.rules.default') : t('incidents.rules.custom')) : t('incidents.rules.off')}
                            </Badge>
                            <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={() => setEditing({ rule, providerName: p.displayName })} data-testid="rule-edit">
                              {t('incidents.rules.edit')}
                            </Button>
                          </Stack>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))
              : <TableSkeletonRows rows={5} columns={5} />}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RuleEditModal rule={editing?.rule ?? null} providerName={editing?.providerName ?? ''} onClose={() => setEditing(null)} />
    </Paper>
  );
}
