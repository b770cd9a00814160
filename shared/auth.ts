import { z } from 'zod';
import { ROLES } from './roles.ts';

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid e-mail address, e.g. ada@example.com' }));

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: 'Enter your password' }).max(1024),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

/** What the client may know about the signed-in user: no hashes, no session ids. */
export const ZSessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  timezone: z.string(),
  locale: z.string(),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

export const ZMeOutput = ZSessionUser.nullable();
