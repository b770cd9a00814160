import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TVerdict } from '../../../../shared/support.ts';
import { useTimeContext } from '../../app/session.tsx';
import { SEVERITY_COLOR, verdictHref, verdictValues } from './verdict-values.ts';

/** The plain-language answer first: one line per finding, worst first, each leading to its facts. */
export function VerdictList({ verdicts, now }: { verdicts: TVerdict[]; now: Date }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  if (verdicts.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="support-no-verdicts">
        {t('support.diagnosis.noVerdicts')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="support-verdicts">
      {verdicts.map((v, i) => {
        const color = SEVERITY_COLOR[v.severity];
        const href = verdictHref(v.target);
        const text = t(`support.verdict.${v.code}`, verdictValues(v.values, ctx, now));
        return (
          <Paper
            key={`${v.code}-${i}`}
            withBorder
            p="xs"
            style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
            data-testid="support-verdict"
            data-code={v.code}
            data-severity={v.severity}
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge color={color} variant="light" miw={86} style={{ flexShrink: 0 }}>
                {t(`support.severity.${v.severity}`)}
              </Badge>
              {href.external ? (
                <Anchor component={Link} to={href.to} size="sm" c="var(--mantine-color-text)" underline="hover">
                  {text}
                </Anchor>
              ) : (
                <Anchor href={href.to} size="sm" c="var(--mantine-color-text)" underline="hover">
                  {text}
                </Anchor>
              )}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
