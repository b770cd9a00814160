import { describe, expect, it } from 'vitest';
import { readUsersFilters, usersListInput, writeUsersFilters } from './users-filters.ts';

describe('users filters in the URL', () => {
  it('round-trips search and role, dropping unknown roles', () => {
    const params = writeUsersFilters(new URLSearchParams('tab=x'), { search: ' ada ', role: 'SUPPORT' });
    expect(params.toString()).toBe('tab=x&q=ada&role=SUPPORT');
    expect(readUsersFilters(params)).toEqual({ search: 'ada', role: 'SUPPORT' });
    expect(readUsersFilters(new URLSearchParams('role=ROOT'))).toEqual({ search: '', role: null });
  });

  it('clears what is empty', () => {
    expect(writeUsersFilters(new URLSearchParams('q=ada&role=USER'), { search: '  ', role: null }).toString()).toBe('');
  });

  it('sends no blank search to the server and always includes disabled users', () => {
    expect(usersListInput({ search: '  ', role: null })).toEqual({ includeDisabled: true });
    expect(usersListInput({ search: 'ada', role: 'ADMIN' })).toEqual({ search: 'ada', role: 'ADMIN', includeDisabled: true });
  });
});
