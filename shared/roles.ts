export const ROLES = ['ADMIN', 'SUPPORT', 'USER'] as const;
export type TRole = (typeof ROLES)[number];

/** Staff roles see everyone's data (support inspects, admin also administers). */
export const STAFF_ROLES: readonly TRole[] = ['ADMIN', 'SUPPORT'];

export function isStaff(role: TRole): boolean {
  return STAFF_ROLES.includes(role);
}
