import { describe, expect, it } from 'vitest';
import { eventsListInput, hasEventsFilters, readEventsFilters, writeEventsFilters } from './events-filters.ts';

describe('events filters', () => {
  it('round-trips through the URL', () => {
    const filters = { search: ' hearing ', from: '2026-03-01', to: '2026-03-31', includeCancelled: true };
    const params = writeEventsFilters(new URLSearchParams('keep=1'), filters);
    expect(params.toString()).toBe('keep=1&q=hearing&from=2026-03-01&to=2026-03-31&cancelled=1');
    expect(readEventsFilters(params)).toEqual({ ...filters, search: 'hearing' });
    expect(writeEventsFilters(params, { search: '', from: null, to: null, includeCancelled: false }).toString()).toBe('keep=1');
  });

  it('drops invalid dates and straightens a reversed range', () => {
    expect(readEventsFilters(new URLSearchParams('from=2026-02-30&to=yesterday'))).toMatchObject({ from: null, to: null });
    expect(readEventsFilters(new URLSearchParams('from=2026-03-31&to=2026-03-01'))).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('asks for whole days in the viewer zone, newest first', () => {
    const input = eventsListInput({ search: '', from: '2026-03-01', to: '2026-03-31', includeCancelled: false }, 'Europe/Istanbul');
    expect(input.from?.toISOString()).toBe('2026-02-28T21:00:00.000Z');
    expect(input.to?.toISOString()).toBe('2026-03-31T21:00:00.000Z');
    expect(input).toMatchObject({ order: 'desc', includeDeleted: false, limit: 50 });
    expect('search' in input).toBe(false);
    // New York's DST change inside the range does not move its ends.
    const ny = eventsListInput({ search: 'x', from: '2026-03-08', to: '2026-03-08', includeCancelled: true }, 'America/New_York');
    expect(ny.from?.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(ny.to?.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(ny).toMatchObject({ search: 'x', includeDeleted: true });
  });

  it('knows when anything is filtered', () => {
    expect(hasEventsFilters({ search: ' ', from: null, to: null, includeCancelled: false })).toBe(false);
    expect(hasEventsFilters({ search: '', from: null, to: null, includeCancelled: true })).toBe(true);
  });
});
