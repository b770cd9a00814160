import { describe, expect, it } from 'vitest';
import { ZEventExportQuery, ZEventSearchInput } from '../../../../shared/integration-health.ts';
import { eventFilterInput, exportHref, hasEventFilters, NO_FILTERS, readEventFilters, writeEventFilters } from './event-filters.ts';

const from = new Date('2026-11-20T14:10:00Z');
const to = new Date('2026-11-20T14:11:00Z');

describe('event list filters in the URL', () => {
  it('round-trips every filter and keeps the window parameters', () => {
    const f = {
      provider: 'mapbox',
      outcome: 'error' as const,
      errorClass: 'timeout_network' as const,
      event: 'mapbox_error',
      text: 'timeout',
      fingerprint: 'abc123',
      subject: 'user-42',
      correlationId: 'req-7',
      bucket: { from, to },
    };
    const params = writeEventFilters(new URLSearchParams('window=6h'), f);
    expect(params.get('window')).toBe('6h');
    expect(readEventFilters(params)).toEqual(f);
    const cleared = writeEventFilters(params, NO_FILTERS);
    expect([...cleared.keys()]).toEqual(['window']);
    expect(hasEventFilters(NO_FILTERS)).toBe(false);
    expect(hasEventFilters({ ...NO_FILTERS, bucket: { from, to } })).toBe(true);
  });

  it('ignores values the server would refuse', () => {
    expect(readEventFilters(new URLSearchParams('provider=Not%20A%20Key&outcome=maybe&class=cosmic&bfrom=x&bto=y'))).toEqual(NO_FILTERS);
    expect(readEventFilters(new URLSearchParams(`bfrom=${to.toISOString()}&bto=${from.toISOString()}`)).bucket).toBeNull();
  });

  it('narrows the window to a clicked bucket, and builds inputs the server accepts', () => {
    const range = { from: new Date('2026-11-20T13:00:00Z') };
    const whole = eventFilterInput({ ...NO_FILTERS, outcome: 'error' }, { provider: 'mapbox', range });
    expect(whole).toEqual({ provider: 'mapbox', outcome: 'error', from: range.from });
    const spike = eventFilterInput({ ...NO_FILTERS, bucket: { from, to }, text: '  503 ' }, { provider: 'mapbox', range });
    expect(spike).toEqual({ provider: 'mapbox', text: '503', from, to });
    expect(ZEventSearchInput.safeParse(spike).success).toBe(true);

    const href = exportHref(spike);
    // The explorer picks the provider in the filters; a provider page fixes it.
    const explorer = eventFilterInput({ ...NO_FILTERS, provider: 'smtp', subject: ' user-42 ', correlationId: 'req-7' }, { range });
    expect(explorer).toEqual({ provider: 'smtp', subject: 'user-42', correlationId: 'req-7', from: range.from });
    expect(eventFilterInput({ ...NO_FILTERS, provider: 'smtp' }, { provider: 'mapbox', range }).provider).toBe('mapbox');
    expect(ZEventExportQuery.parse(Object.fromEntries(new URLSearchParams(exportHref(explorer).split('?')[1])))).toEqual(explorer);

    expect(href).toBe(`/api/integration-events.csv?provider=mapbox&text=503&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    const query = Object.fromEntries(new URLSearchParams(href.split('?')[1]));
    expect(ZEventExportQuery.parse(query)).toEqual(spike);
  });
});
