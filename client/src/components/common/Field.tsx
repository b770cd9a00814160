import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

/** A small dimmed label over its value: the fact grids of detail pages. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}
