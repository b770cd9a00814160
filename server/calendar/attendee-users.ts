import type { Db } from '../db.ts';

type Tx = Pick<Db, 'user'>;

/**
 * Attendees who have an account here are linked to it by e-mail, so the event shows in
 * their calendar and feeds (the visibility rule follows Attendee.userId). Disabled
 * accounts are linked too: re-enabling them brings their calendar back intact.
 */
export async function userIdsByEmail(tx: Tx, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.email, u.id]));
}
