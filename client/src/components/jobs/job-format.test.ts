import { describe, expect, it } from 'vitest';
import { dataPreview, formatDuration, translatableJobMessage } from './job-format.ts';

describe('jobs page formatting', () => {
  it('durations pick the unit that keeps the number short', () => {
    expect(formatDuration(null, 'en')).toBeNull();
    expect(formatDuration(4.4, 'en')).toBe('4 ms');
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(1234, 'en')).toBe('1.2 s');
    expect(formatDuration(1234, 'tr')).toBe('1,2 s');
    expect(formatDuration(42_400, 'en')).toBe('42 s');
    expect(formatDuration(185_000, 'en')).toBe('3 min 5 s');
    expect(formatDuration(120_000, 'en')).toBe('2 min');
  });

  it('data previews are compact, cut, and empty for no data', () => {
    expect(dataPreview({})).toBeNull();
    expect(dataPreview(null)).toBeNull();
    expect(dataPreview({ eventId: 'e1' })).toBe('{"eventId":"e1"}');
    const long = dataPreview({ text: 'x'.repeat(200) }, 20)!;
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it("maps the server's refusals to this area's keys, with their values", () => {
    expect(translatableJobMessage('Only a failed job can be retried; this one is queued')).toEqual({ key: 'jobs.errors.notFailed', values: { state: 'queued' } });
    expect(translatableJobMessage('The job is running: it cannot be started again until it finishes')).toEqual({ key: 'jobs.errors.busy', values: { state: 'running' } });
    expect(translatableJobMessage('No such job: it may have been deleted')).toEqual({ key: 'jobs.errors.notFound', values: {} });
    expect(translatableJobMessage('something else')).toEqual({ key: 'errors.verbatim', values: { message: 'something else' } });
  });
});
