import { useEffect, useState } from 'react';
import { Button, Fieldset, Group, Modal, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TAlertRule, TAlertRuleUpdateInput } from '../../../../shared/alerts.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

type Params = Record<string, unknown>;

// Stored params come back in PostgreSQL's jsonb key order; the form shows them as people read them.
const KEY_ORDER = ['windowMinutes', 'warningRate', 'criticalRate', 'minErrors', 'wilson', 'slo', 'fast', 'slow', 'shortMinutes', 'longMinutes', 'factor', 'p95Ms', 'minSamples', 'minExpected', 'maxRatio', 'lookbackWeeks', 'minHistoryWeeks', 'severity'];
const rank = (key: string) => (KEY_ORDER.indexOf(key) + 1 || KEY_ORDER.length + 1);

/** Fields for whatever the rule's params hold: numbers, switches, the severity, nested pairs. */
function ParamFields({ value, onChange, path }: { value: Params; onChange: (next: Params) => void; path: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {Object.entries(value)
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([key, v]) => {
        const label = t(`incidents.params.${key}`);
        const set = (next: unknown) => onChange({ ...value, [key]: next });
        const testId = `rule-param-${path}${key}`;
        if (typeof v === 'boolean') return <Switch key={key} label={label} checked={v} onChange={(e) => set(e.currentTarget.checked)} data-testid={testId} />;
        if (key === 'severity')
          return <Select key={key} label={label} value={String(v)} allowDeselect={false} data={['WARNING', 'CRITICAL'].map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))} onChange={(s) => s && set(s)} data-testid={testId} />;
        if (typeof v === 'number') return <NumberInput key={key} label={label} value={v} decimalScale={6} onChange={(n) => set(typeof n === 'number' ? n : Number(n))} data-testid={testId} />;
        if (v && typeof v === 'object')
          return (
            <Fieldset key={key} legend={label} p="xs">
              <ParamFields value={v as Params} onChange={set} path={`${path}${key}-`} />
            </Fieldset>
          );
        return null;
      })}
    </Stack>
  );
}

export function RuleEditModal({ rule, providerName, onClose }: { rule: TAlertRule | null; providerName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(true);
  const [params, setParams] = useState<Params>({});
  useEffect(() => {
    if (!rule) return;
    setEnabled(rule.enabled);
    setParams(rule.params);
  }, [rule]);
  const done = async (message: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.alerts.rules.pathKey() });
    notifySuccess(message);
    close();
  };
  const save = useMutation(trpc.alerts.updateRule.mutationOptions({ meta: { inlineErrors: true }, onSuccess: () => done(t('incidents.rules.saved')) }));
  const reset = useMutation(trpc.alerts.resetRule.mutationOptions({ meta: { inlineErrors: true }, onSuccess: () => done(t('incidents.rules.resetDone')) }));
  function close() {
    save.reset();
    reset.reset();
    onClose();
  }
  return (
    <Modal opened={rule !== null} onClose={close} title={rule ? t('incidents.rules.editTitle', { kind: t(`incidents.ruleKind.${rule.kind}`), provider: providerName }) : ''} centered size="lg">
      {rule ? (
        <form
          noValidate
          data-testid="rule-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ provider: rule.provider, kind: rule.kind, enabled, params } as TAlertRuleUpdateInput);
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t(`incidents.rules.help.${rule.kind}`)}
            </Text>
            {save.isError ? <ErrorAlert error={save.error} title={null} /> : null}
            {reset.isError ? <ErrorAlert error={reset.error} title={null} /> : null}
            <Switch label={t('incidents.rules.enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} data-testid="rule-enabled" />
            <ParamFields value={params} onChange={setParams} path="" />
            <Group justify="space-between">
              <Button variant="subtle" onClick={() => reset.mutate({ provider: rule.provider, kind: rule.kind })} loading={reset.isPending} disabled={rule.isDefault} data-testid="rule-reset">
                {t('incidents.rules.reset')}
              </Button>
              <Group gap="xs">
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending} data-testid="rule-save">
                  {t('incidents.rules.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
