import { z } from 'zod';
import { ROLES } from './roles.ts';
import { ZEmail } from './auth.ts';

export const ZPassword = z
  .string()
  .min(12, { error: 'Use at least 12 characters' })
  .max(256, { error: 'Use at most 256 characters' });

export const ZUserListItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabledAt: z.date().nullable(),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TUserListItem = z.infer<typeof ZUserListItem>;

export const ZUsersListInput = z.object({
  search: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  includeDisabled: z.boolean().default(true),
});
export const ZUsersListOutput = z.array(ZUserListItem);

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, { error: 'Enter a name' }).max(200),
  role: z.enum(ROLES),
  password: ZPassword,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUserIdInput = z.object({ id: z.uuid({ error: 'Not a user id' }) });

export const ZSetRoleInput = ZUserIdInput.extend({ role: z.enum(ROLES) });
export const ZSetDisabledInput = ZUserIdInput.extend({ disabled: z.boolean() });
