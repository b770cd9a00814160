import { ROLES, type TRole } from '../../../../shared/roles.ts';

export type UsersFilters = { search: string; role: TRole | null };

/** Filters live in the URL (?q=ada&role=SUPPORT) so a filtered list can be reloaded and shared. */
export function readUsersFilters(params: URLSearchParams): UsersFilters {
  const role = params.get('role');
  return {
    search: params.get('q') ?? '',
    role: role && (ROLES as readonly string[]).includes(role) ? (role as TRole) : null,
  };
}

export function writeUsersFilters(params: URLSearchParams, filters: UsersFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const search = filters.search.trim();
  if (search) next.set('q', search);
  else next.delete('q');
  if (filters.role) next.set('role', filters.role);
  else next.delete('role');
  return next;
}

/** The users.list input for these filters: blank search means no search. */
export function usersListInput(filters: UsersFilters) {
  const search = filters.search.trim();
  return {
    ...(search ? { search } : {}),
    ...(filters.role ? { role: filters.role } : {}),
    includeDisabled: true,
  };
}
