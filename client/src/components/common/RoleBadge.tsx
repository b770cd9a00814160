import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TRole } from '../../../../shared/roles.ts';
import { ROLE_COLOR } from '../../app/theme.ts';

export function RoleBadge({ role, ...rest }: { role: TRole; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={ROLE_COLOR[role]} variant="light" data-role={role} {...rest}>
      {t(`roles.${role}`)}
    </Badge>
  );
}
