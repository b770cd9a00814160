// Shared answers (server/trpc/shared-answers.ts): the health overview's summary and time series
// are computed once for every staff caller asking the same within HEALTH_QUERY_SHARE_MS (1 s by
// default), never shared with a caller the role check refuses, never shared when they failed,
// and serialized once however many responses carry them.
import { describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { writeIntegrationEvents } from '../server/integrations/write-integration-events.ts';
import { prepareIntegrationEvent } from '../server/integrations/prepare-integration-event.ts';
import { createProvider } from '../server/integrations/manage-providers.ts';
import { getConfig } from '../server/config.ts';
import { createAnswerSharing, serializeOutput } from '../server/trpc/shared-answers.ts';
import { sharedAnswers } from '../server/metrics/metrics.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { freePort, sleep, useDatabase } from './support/faults.ts';
import { testDatabaseUrl } from './support/per-file-database.ts';
import { codeOf } from './support/trpc-code.ts';

async function newProvider() {
  const admin = await createTestUser({ role: 'ADMIN' });
  const key = `share${Date.now().toString(36)}`;
  await createProvider({ input: { key, displayName: key, tier: 'STANDARD', knownEvents: ['call'] }, actorId: admin.id });
  return key;
}

async function write(provider: string, n: number, outcome: 'ok' | 'error') {
  const events = Array.from({ length: n }, () =>
    prepareIntegrationEvent(
      { provider, event: 'call', outcome, occurredAt: new Date(Date.now() - 60_000) },
      { key: provider, tier: 'STANDARD', displayName: provider },
    ),
  );
  await writeIntegrationEvents(events, 'internal');
}

describe('[IH][SHARE] the overview queries share one answer for a moment', () => {
  it('concurrent and following staff callers get one computation; after the share time, a fresh one', async () => {
    expect(getConfig().healthQueryShareMs).toBe(1000);
    const provider = await newProvider();
    await write(provider, 10, 'ok');
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    const support = await callerFor(await createTestUser({ role: 'SUPPORT' }));

    const counted = async (outcome: string) =>
      (await sharedAnswers.get()).values.find((v) => v.labels.procedure === 'integrations.summary' && v.labels.outcome === outcome)?.value ?? 0;
    const before = { computed: await counted('computed'), shared: await counted('shared') };
    const started = Date.now();
    const answers = await Promise.all([admin, support, admin, support].map((c) => c.integrations.summary({ window: '1h' })));
    // One object for all four: one computation, whoever asked.
    for (const a of answers) expect(a).toBe(answers[0]);
    const volume = (a: (typeof answers)[number]) => a.providers.find((p) => p.provider === provider)!.volume;
    expect(volume(answers[0]!)).toBe(10);
    expect({ computed: (await counted('computed')) - before.computed, shared: (await counted('shared')) - before.shared }).toEqual({ computed: 1, shared: 3 });

    // Written after the answer: within the share time callers still get the answer as it was.
    await write(provider, 5, 'error');
    const soon = await support.integrations.summary({ window: '1h' });
    if (Date.now() - started < 900) {
      expect(soon).toBe(answers[0]);
      expect(volume(soon)).toBe(10);
    }
    // Another question is another answer.
    const other = await admin.integrations.summary({ window: '6h' });
    expect(other).not.toBe(answers[0]);
    expect(volume(other)).toBe(15);

    await sleep(Math.max(0, 1100 - (Date.now() - started)));
    const later = await admin.integrations.summary({ window: '1h' });
    expect(later).not.toBe(answers[0]);
    expect(volume(later)).toBe(15);
    expect(later.providers.find((p) => p.provider === provider)!.errors).toBe(5);

    const series = await Promise.all([admin, support].map((c) => c.integrations.timeseries({ window: '1h', providers: [provider] })));
    expect(series[1]).toBe(series[0]);
    expect(series[0]!.series[0]!.points.reduce((n, p) => n + p.total, 0)).toBe(15);
  });

  it('a caller the role check refuses never reaches a shared answer', async () => {
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    const user = await callerFor(await createTestUser());
    await admin.integrations.summary({ window: '15m' });
    expect(await codeOf(user.integrations.summary({ window: '15m' }))).toBe('FORBIDDEN');
  });

  it('a failed answer is not shared: the next caller computes again', async () => {
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    const down = new URL(testDatabaseUrl);
    down.port = String(await freePort());
    await useDatabase(down.toString());
    try {
      expect(await codeOf(admin.integrations.summary({ window: '24h' }))).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await useDatabase(testDatabaseUrl);
    }
    // Immediately, well within the share time of the failure.
    const answer = await admin.integrations.summary({ window: '24h' });
    expect(answer.providers.length).toBeGreaterThan(10);
  });

  it('bad input is refused for each caller, and a share time of 0 turns sharing off', async () => {
    const admin = await callerFor(await createTestUser({ role: 'ADMIN' }));
    expect(await codeOf(admin.integrations.summary({ window: 'custom' }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.integrations.summary({ window: 'custom' }))).toBe('BAD_REQUEST');

    let computed = 0;
    const share = createAnswerSharing(() => 0);
    const next = async () => ({ ok: true, data: { n: ++computed } });
    const a = await share({ path: 'x', getRawInput: async () => ({}), next });
    const b = await share({ path: 'x', getRawInput: async () => ({}), next });
    expect([a.data, b.data]).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe('[IH][SHARE] serializeOutput', () => {
  it('serializes a shared answer once and everything else every time, as superjson does', async () => {
    let computed = 0;
    const share = createAnswerSharing(() => 60_000);
    const value = { at: new Date('2026-12-01T10:00:00Z'), n: 1 };
    const next = async () => ({ ok: true, data: (computed++, value) });
    const { data } = await share({ path: 'y', getRawInput: async () => ({ w: 1 }), next });
    await share({ path: 'y', getRawInput: async () => ({ w: 1 }), next });
    expect(computed).toBe(1);
    const once = serializeOutput(data);
    expect(serializeOutput(data)).toBe(once);
    expect(once).toEqual(superjson.serialize(value));
    expect(superjson.deserialize(once)).toEqual(value);

    const plain = { at: new Date('2026-12-01T10:00:00Z') };
    expect(serializeOutput(plain)).not.toBe(serializeOutput(plain));
    expect(serializeOutput(plain)).toEqual(superjson.serialize(plain));
    expect(serializeOutput(7)).toEqual(superjson.serialize(7));
  });
});
