import type { ReactNode } from 'react';
import { Button, Center, EmptyState } from '@mantine/core';

type Copy = { title: string; description: string };

/**
 * What a list shows when it has no rows. Two different situations share the spot: nothing
 * exists yet (say so, and what would make rows appear), or filters hide everything (say that,
 * and offer to clear them, since a filter kept in the URL is easy to forget).
 */
export function ListEmptyState(props: {
  icon: ReactNode;
  /** The icon for "filters hide everything", when it should differ from the empty one. */
  filteredIcon?: ReactNode;
  filtered: boolean;
  empty: Copy;
  noMatch: Copy;
  /** Without it there is no button (a search box clears itself). */
  clear?: { label: string; onClick: () => void };
  testId: string;
}) {
  const copy = props.filtered ? props.noMatch : props.empty;
  return (
    <Center p="xl">
      <EmptyState
        icon={props.filtered ? (props.filteredIcon ?? props.icon) : props.icon}
        withIndicatorBackground
        title={copy.title}
        description={copy.description}
        data-testid={props.testId}
      >
        {props.filtered && props.clear ? (
          <EmptyState.Actions>
            <Button variant="default" size="xs" onClick={props.clear.onClick}>
              {props.clear.label}
            </Button>
          </EmptyState.Actions>
        ) : null}
      </EmptyState>
    </Center>
  );
}
