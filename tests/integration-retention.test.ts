// Retention: raw events and minute rollups age out after 30 days, hour rollups after 400.
import { describe, expect, it } from 'vitest';
import { getPool } from '../server/db.ts';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { purgeIntegrationData } from '../server/integrations/purge-integration-data.ts';
import { integrationsRetentionJob } from '../server/jobs/definitions/integrations-retention.ts';
import { JOBS } from '../server/jobs/registry.ts';
import type { TIntegrationEvent } from '../shared/integrations.ts';

const DAY = 86_400_000;
const count = async (sql: string) => Number((await getPool().query<{ n: string }>(sql)).rows[0]!.n);

describe('[IH][RETENTION]', () => {
  it('purges by age per table and keeps what is younger', async () => {
    const now = new Date();
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const event = (days: number, ok = false): TIntegrationEvent =>
      ({ provider: 'twilio', event: ok ? 'twilio_sms_sent' : 'twilio_error', outcome: ok ? 'ok' : 'error', occurredAt: at(days), errorMessage: `old ${days}` }) as TIntegrationEvent;
    const tier = { key: 'twilio', tier: 'CRITICAL' as const, displayName: 'Twilio' };
    await writeIntegrationEvents([event(1, true), event(29), event(31), event(100), event(401)].map((e) => prepareIntegrationEvent(e, tier)), 'internal');

    expect(await count('SELECT count(*) n FROM integration_events')).toBe(5);
    const result = await purgeIntegrationData({ rawDays: 30, minuteRollupDays: 30, hourRollupDays: 400, now });
    expect(result).toMatchObject({ events: 3, minuteRollups: 3, hourRollups: 1 });
    expect(await count('SELECT count(*) n FROM integration_events')).toBe(2);
    expect(await count('SELECT coalesce(sum(total), 0) n FROM integration_rollup_minutes')).toBe(2);
    expect(await count('SELECT coalesce(sum(total), 0) n FROM integration_rollup_hours')).toBe(4);
    // One group (numbers are masked), last seen 29 days ago: it stays, with its latest sample.
    expect((await getPool().query('SELECT sample_message, count FROM integration_error_groups')).rows).toEqual([{ sample_message: 'old 29', count: 4 }]);
    expect(await count('SELECT count(*) n FROM integration_error_groups')).toBe(1);

    expect(JOBS).toContain(integrationsRetentionJob);
    expect(await purgeIntegrationData({ rawDays: 30, minuteRollupDays: 30, hourRollupDays: 400, now })).toEqual({ events: 0, minuteRollups: 0, hourRollups: 0, errorGroups: 0 });
  });
});
