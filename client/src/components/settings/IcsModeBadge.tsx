import { Badge, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TIcsFeedMode } from '../../../../shared/ics.ts';

/** Kept clear of the status colours: a mode is not a health. */
export const MODE_COLOR: Readonly<Record<TIcsFeedMode, string>> = { FULL: 'blue', BUSY: 'violet' };

export function IcsModeBadge({ mode }: { mode: TIcsFeedMode }) {
  const { t } = useTranslation();
  const Icon = mode === 'FULL' ? IconEye : IconEyeOff;
  return (
    <Tooltip label={t(`settings.calendar.modeHint.${mode}`)}>
      {/* Never cut to "FULL DET…" when the table is squeezed: the label sets the column's minimum width. */}
      <Badge
        variant="light"
        color={MODE_COLOR[mode]}
        leftSection={<Icon size={12} />}
        styles={{ label: { overflow: 'visible' } }}
        data-testid="ics-link-mode-badge"
        data-mode={mode}
      >
        {t(`settings.calendar.mode.${mode}`)}
      </Badge>
    </Tooltip>
  );
}
