import { Alert, Button, CopyButton, Group, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A secret the server shows exactly once (an API key, a feed URL with its token): the warning,
 * the value in a read-only monospace field that selects itself, and a copy button. `extra`
 * sits beside the copy button (e.g. "Open in calendar app").
 */
export function ShownOnceSecret(props: {
  value: string;
  label: string;
  warningTitle: string;
  warning: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
  copyTestId: string;
  copyMinWidth?: number;
  extra?: ReactNode;
}) {
  const copyButton = (copied: boolean, copy: () => void) => (
    <Button
      onClick={copy}
      color={copied ? 'teal' : undefined}
      leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
      miw={props.copyMinWidth ?? 130}
      data-testid={props.copyTestId}
    >
      {copied ? props.copiedLabel : props.copyLabel}
    </Button>
  );
  return (
    <>
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title={props.warningTitle}>
        <Text size="sm">{props.warning}</Text>
      </Alert>
      <CopyButton value={props.value} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={props.label}
              value={props.value}
              readOnly
              autoComplete="off"
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' } }}
              style={{ flex: '1 1 320px', minWidth: 0 }}
              data-autofocus
              data-testid={props.testId}
            />
            {props.extra ? (
              <Group gap="xs" wrap="wrap">
                {copyButton(copied, copy)}
                {props.extra}
              </Group>
            ) : (
              copyButton(copied, copy)
            )}
          </Group>
        )}
      </CopyButton>
    </>
  );
}
