import type { TUserListItem } from '../../../../shared/users.ts';
import { STATUS_COLOR } from '../../app/theme.ts';

export type UserStatus = 'active' | 'disabled';

export function userStatus(user: Pick<TUserListItem, 'disabledAt'>): UserStatus {
  return user.disabledAt ? 'disabled' : 'active';
}

/** Active reads as healthy, disabled as failing: the console's one colour language. */
export const USER_STATUS_COLOR = {
  active: STATUS_COLOR.healthy,
  disabled: STATUS_COLOR.failing,
} as const;
