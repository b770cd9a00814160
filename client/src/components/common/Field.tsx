import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

/**
 * A small dimmed label over its value: the fact grids of detail pages and drawers. `testId`
 * names the value, so a test reads what is shown without the label.
 */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }} data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}
