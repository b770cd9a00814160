// A week of simulated provider traffic for a fresh demo database, so the health console opens on
// charts rather than "no data". Written through the real write path (rollups, error groups,
// provider states), in large chunks, while the next chunk is generated: a week takes seconds.
import { getPool } from '../db.ts';
import { taggedLogger } from '../logger.ts';
import { getProviderCatalog } from '../integrations/provider-catalog.ts';
import { prepareIntegrationEvent, type PreparedEvent } from '../integrations/prepare-integration-event.ts';
import { writeIntegrationEvents } from '../integrations/write-integration-events.ts';
import { createRng } from '../integrations/simulate/seeded-random.ts';
import { generateTraffic, istanbulClock, type Incident } from '../integrations/simulate/traffic-model.ts';

/** Not "internal" and not an API key id: demo rows stay recognisable (and deletable) as such. */
export const DEMO_SOURCE = 'demo';

const CHUNK = 5_000;
const WINDOW_MS = 3_600_000;
// About 150k events a week: dense enough for smooth minute charts of the busy providers,
// small enough that `npm start` on a fresh clone waits only a few seconds (~4-5 s on 2 cores).
const DEMO_RATE = 0.035;
const DEMO_MIN_PEAK_PER_MINUTE = 0.5;

export type BackfillOptions = {
  days?: number;
  now?: Date;
  seed?: string | number;
  /** Volume multiplier over the traffic model's profiles. */
  rate?: number;
  /** Past incidents to include; by default a Mapbox outage two days ago (see demoIncidents). */
  incidents?: readonly Incident[];
};

export type BackfillResult = { skipped: boolean; events: number; accepted: number; ms: number; from: Date; to: Date; incidents: readonly Incident[] };

/** A 40-minute Mapbox outage two days ago, in the Istanbul afternoon so it shows in full traffic. */
export function demoIncidents(now: Date): Incident[] {
  let at = new Date(Math.floor((now.getTime() - 2 * 86_400_000) / 3_600_000) * 3_600_000);
  for (let i = 0; i < 24 && istanbulClock(at).hour !== 14; i++) at = new Date(at.getTime() - 3_600_000);
  const from = new Date(at.getTime() + 10 * 60_000);
  return [{ provider: 'mapbox', errorRate: 0.4, latencyMultiplier: 4, from, to: new Date(from.getTime() + 40 * 60_000) }];
}

/** Writes `days` of traffic ending at `now`, unless integration_events already has rows. */
export async function backfillIntegrationEvents(opts: BackfillOptions = {}): Promise<BackfillResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const to = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const from = new Date(to.getTime() - (opts.days ?? 7) * 86_400_000);
  const incidents = opts.incidents ?? demoIncidents(now);
  const result = (skipped: boolean, events = 0, accepted = 0): BackfillResult => ({
    skipped,
    events,
    accepted,
    ms: Math.round(performance.now() - started),
    from,
    to,
    incidents,
  });

  const { rows } = await getPool().query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM integration_events) AS any');
  if (rows[0]?.any) return result(true);

  const seed = opts.seed ?? 'opsdeck-demo';
  const rng = createRng(`backfill:${seed}`);
  const catalog = await getProviderCatalog();
  let sequence = 0;
  const nextKey = () => `demo-${(sequence++).toString(36)}`;
  const traffic = { rate: opts.rate ?? DEMO_RATE, minPeakPerMinute: DEMO_MIN_PEAK_PER_MINUTE, incidents };

  let generated = 0;
  let accepted = 0;
  let buffer: PreparedEvent[] = [];
  // Two chunks in flight while the next is generated: two PostgreSQL backends and this process
  // work at once. Failures surface at the next await of the chunk's promise.
  const writing: Promise<void>[] = [];
  const flush = async (chunk: PreparedEvent[]) => {
    if (writing.length >= 2) await writing.shift();
    const written = writeIntegrationEvents(chunk, DEMO_SOURCE).then((w) => void (accepted += w.accepted));
    // Marked handled now (it is awaited later): a chunk failing while another is awaited must
    // not count as an unhandled rejection, which would end the process.
    written.catch(() => undefined);
    writing.push(written);
  };

  for (let start = from.getTime(); start < to.getTime(); start += WINDOW_MS) {
    const windowEnd = new Date(Math.min(to.getTime(), start + WINDOW_MS));
    for (const event of generateTraffic({ from: new Date(start), to: windowEnd, rng, nextKey, ...traffic })) {
      buffer.push(prepareIntegrationEvent(event, catalog.get(event.provider), now));
    }
    generated = sequence;
    if (buffer.length >= CHUNK) {
      await flush(buffer);
      buffer = [];
    }
  }
  if (buffer.length) await flush(buffer);
  await Promise.all(writing);
  // Fresh statistics, so the console's first queries over a quarter-million new rows plan well.
  await getPool().query('ANALYZE integration_events, integration_rollup_minutes, integration_rollup_hours');
  const done = result(false, generated, accepted);
  taggedLogger('integrations').info({ events: done.events, ms: done.ms }, 'demo integration events written');
  return done;
}
