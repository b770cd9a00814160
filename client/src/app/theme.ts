import { Badge, Table, Tooltip, createTheme, type MantineColor } from '@mantine/core';
import type { TRole } from '../../../shared/roles.ts';

// Calm and dense: Mantine defaults, a muted primary, compact tables.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Table: Table.extend({ defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } }),
    Badge: Badge.extend({ defaultProps: { radius: 'sm', size: 'sm' } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 300, withArrow: true, multiline: true, maw: 360 } }),
  },
});

/** Status colours mean one thing everywhere (and grey is never green: silence is not health). */
export const STATUS_COLOR = {
  healthy: 'green',
  degraded: 'yellow',
  failing: 'red',
  noData: 'gray',
} as const satisfies Record<string, MantineColor>;

/** Role badges keep clear of the status colours. */
export const ROLE_COLOR: Readonly<Record<TRole, MantineColor>> = {
  ADMIN: 'grape',
  SUPPORT: 'cyan',
  USER: 'indigo',
};
