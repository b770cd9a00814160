import type { TFunction } from 'i18next';
import { ROLES } from '../../../../shared/roles.ts';

export function roleOptions(t: TFunction) {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
