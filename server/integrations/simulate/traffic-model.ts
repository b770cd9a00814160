// Simulated provider traffic for demos, the live simulator and the ingestion benchmark. Pure and
// deterministic for a given seed: how many calls a provider makes in a time window (a diurnal
// curve in Europe/Istanbul, weekday vs weekend), which fail and how (the provider's own codes),
// how long they take (log-normal from p50/p95), which are retried (attempt 2, same correlation
// id), and incidents: a provider at a chosen error rate and latency multiplier for a period.
import type { TErrorClass } from '../../../shared/integrations.ts';
import { PROVIDER_PROFILES, providerProfile, type ErrorTemplate, type ProviderProfile } from './provider-profiles.ts';
import { mix32, type Rng } from './seeded-random.ts';

export const TRAFFIC_TIME_ZONE = 'Europe/Istanbul';

export type SimulatedEvent = {
  provider: string;
  event: string;
  outcome: 'ok' | 'error';
  occurredAt: Date;
  latencyMs: number;
  errorCode?: string;
  errorMessage?: string;
  errorClass?: TErrorClass;
  correlationId: string;
  subject?: string;
  jobId?: string;
  attempt: number;
  metadata?: Record<string, unknown>;
  idempotencyKey?: string;
};

export type Incident = {
  provider: string;
  /** Share of first attempts that fail during the incident (0..1). */
  errorRate: number;
  /** Every call of the provider is this much slower during the incident. */
  latencyMultiplier: number;
  from: Date;
  to: Date;
};

export type TrafficOptions = {
  /** Multiplies every provider's volume (1 = the profiles' numbers). */
  rate?: number;
  incidents?: readonly Incident[];
  /**
   * Lower bound for a provider's peak volume after `rate`, so a scaled-down demo week still
   * draws a line for the quiet providers (idenfy, paytr) instead of a handful of dots.
   */
  minPeakPerMinute?: number;
};

// Share of the peak by local hour. Consumer traffic: night low, 10:00–22:00 high with an
// evening bump; business traffic (the legal CRM's calendar and e-mail): office hours.
const CONSUMER_CURVE = [0.35, 0.22, 0.14, 0.1, 0.08, 0.09, 0.15, 0.3, 0.5, 0.7, 0.86, 0.93, 0.96, 0.95, 0.94, 0.93, 0.92, 0.93, 0.95, 0.98, 1, 0.98, 0.82, 0.56];
const BUSINESS_CURVE = [0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.06, 0.15, 0.5, 0.9, 1, 1, 0.8, 0.9, 1, 0.98, 0.92, 0.75, 0.45, 0.28, 0.2, 0.14, 0.08, 0.05];

export type LocalClock = { hour: number; minute: number; weekday: number; weekend: boolean };

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TRAFFIC_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});
// Offsets change at most on the hour, so one Intl call per UTC hour is enough (Intl is slow).
const offsetByHour = new Map<number, number>();

function zoneOffsetMs(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const at = hour * 3_600_000;
    const parts = Object.fromEntries(offsetFormat.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    offset = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - at;
    if (offsetByHour.size > 50_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** Wall-clock time in Europe/Istanbul; Saturday and Sunday are the weekend there. */
export function istanbulClock(at: Date): LocalClock {
  const local = new Date(at.getTime() + zoneOffsetMs(at.getTime()));
  const weekday = local.getUTCDay();
  return { hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday, weekend: weekday === 0 || weekday === 6 };
}

/** The provider's share of its weekday peak at this moment (0..1), smooth from hour to hour. */
export function volumeFactor(profile: Pick<ProviderProfile, 'curve' | 'weekendFactor'>, at: Date): number {
  const clock = istanbulClock(at);
  const curve = profile.curve === 'business' ? BUSINESS_CURVE : CONSUMER_CURVE;
  const here = curve[clock.hour]!;
  const next = curve[(clock.hour + 1) % 24]!;
  const factor = here + ((next - here) * clock.minute) / 60;
  return clock.weekend ? factor * profile.weekendFactor : factor;
}

export type TrafficPoint = {
  operationsPerMinute: number;
  errorRate: number;
  latencyMultiplier: number;
  incident: Incident | null;
};

function activeIncident(provider: string, at: Date, incidents: readonly Incident[] | undefined): Incident | null {
  if (!incidents) return null;
  const t = at.getTime();
  for (const i of incidents) if (i.provider === provider && t >= i.from.getTime() && t < i.to.getTime()) return i;
  return null;
}

/** Expected volume, error rate and slowdown of one provider at one moment. */
export function trafficAt(provider: string, at: Date, opts: TrafficOptions = {}): TrafficPoint {
  const profile = providerProfile(provider);
  const peak = Math.max(profile.peakPerMinute * (opts.rate ?? 1), opts.minPeakPerMinute ?? 0);
  const incident = activeIncident(provider, at, opts.incidents);
  return {
    operationsPerMinute: peak * volumeFactor(profile, at),
    // An incident adds to the everyday failures rather than replacing them.
    errorRate: incident ? Math.max(profile.errorRate, incident.errorRate) : profile.errorRate,
    latencyMultiplier: incident ? incident.latencyMultiplier : 1,
    incident,
  };
}

const Z95 = 1.6448536;

/** A log-normal latency with the profile's p50 and p95, scaled; whole milliseconds, at least 1. */
export function sampleLatency(profile: Pick<ProviderProfile, 'latency'>, rng: Rng, multiplier = 1): number {
  const mu = Math.log(profile.latency.p50);
  const sigma = Math.log(profile.latency.p95 / profile.latency.p50) / Z95;
  return Math.max(1, Math.min(3_600_000, Math.round(Math.exp(mu + sigma * rng.normal()) * multiplier)));
}

function errorLatency(profile: ProviderProfile, template: ErrorTemplate, rng: Rng, multiplier: number): number {
  if (template.latency === 'timeout') return profile.timeoutMs + rng.int(250);
  if (template.latency === 'fast') return Math.max(1, Math.round(sampleLatency(profile, rng, multiplier) * 0.3));
  return sampleLatency(profile, rng, multiplier);
}

const USER_POOL = 25_000;

/**
 * A fake user id (never an e-mail or phone, IH-7). The same ids recur across providers, so
 * support can follow one user from the OTP to the payment. Cubing skews activity to heavy users.
 */
export function fakeUserId(rng: Rng): string {
  const index = Math.floor(USER_POOL * rng.next() ** 3);
  return `usr_${mix32(index + 1).toString(36).padStart(7, '0')}`;
}

const PLATFORMS = ['ios', 'ios', 'android', 'android', 'android', 'web'] as const;

function pickError(profile: ProviderProfile, point: TrafficPoint, rng: Rng): ErrorTemplate {
  if (point.incident) {
    // Failures above the everyday rate are the outage itself.
    const outageShare = (point.errorRate - profile.errorRate) / point.errorRate;
    if (rng.next() < outageShare) {
      const outage = profile.errors.filter((t) => t.incident);
      if (outage.length) return rng.weighted(outage);
    }
  }
  return rng.weighted(profile.errors);
}

function errorFields(profile: ProviderProfile, template: ErrorTemplate, platform: string | undefined) {
  return {
    event: profile.errorEvent,
    outcome: 'error' as const,
    errorCode: template.code,
    errorMessage: template.message,
    ...(template.errorClass ? { errorClass: template.errorClass } : {}),
    metadata: platform ? { platform } : {},
  };
}

export type GenerateOptions = TrafficOptions & {
  from: Date;
  to: Date;
  rng: Rng;
  /** Gives each event an idempotency key (the simulator and the back-fill pass one; tests may not). */
  nextKey?: () => string;
};

/** One provider's calls in [from, to), in time order. */
export function generateProviderEvents(provider: string, opts: GenerateOptions): SimulatedEvent[] {
  const profile = providerProfile(provider);
  const { rng } = opts;
  const end = opts.to.getTime();
  const out: SimulatedEvent[] = [];
  // Optional fields are added only when present (never set to undefined and deleted later),
  // which keeps the objects in V8's fast mode for the JSON.stringify and preparation after.
  const push = (event: Omit<SimulatedEvent, 'occurredAt' | 'subject' | 'jobId' | 'metadata'>, at: number, subject: string | undefined, jobId: string | undefined, metadata: Record<string, unknown> | undefined) => {
    const e = event as SimulatedEvent;
    e.occurredAt = new Date(at);
    if (subject) e.subject = subject;
    if (jobId) e.jobId = jobId;
    if (metadata) e.metadata = metadata;
    out.push(e);
  };
  // Minute slices: the curve and incidents change within a long window, not within a minute.
  for (let start = opts.from.getTime(); start < end; ) {
    const sliceEnd = Math.min(end, (Math.floor(start / 60_000) + 1) * 60_000);
    const point = trafficAt(provider, new Date(start), opts);
    const count = rng.poisson((point.operationsPerMinute * (sliceEnd - start)) / 60_000);
    for (let n = 0; n < count; n++) {
      const at = start + Math.floor(rng.next() * (sliceEnd - start));
      const operation = rng.weighted(profile.operations).event;
      const correlationId = `req_${rng.id(12)}`;
      const subject = profile.noSubject ? undefined : fakeUserId(rng);
      const jobId = profile.fromJobs ? `job_${rng.id(10)}` : undefined;
      const platform = subject ? rng.pick(PLATFORMS) : undefined;
      const failed = rng.next() < point.errorRate;
      if (!failed) {
        const latencyMs = sampleLatency(profile, rng, point.latencyMultiplier);
        push({ provider, event: operation, outcome: 'ok', latencyMs, correlationId, attempt: 1 }, at, subject, jobId, platform ? { platform } : undefined);
        continue;
      }
      const template = pickError(profile, point, rng);
      const latencyMs = errorLatency(profile, template, rng, point.latencyMultiplier);
      const first = errorFields(profile, template, platform);
      push({ provider, ...first, latencyMs, correlationId, attempt: 1 }, at, subject, jobId, { operation, ...first.metadata });
      if (!template.retryable || rng.next() >= profile.retryShare) continue;
      // Backoff of 0.5–4 s, kept inside the window so a live tick never posts the future.
      const retryAt = Math.min(end - 1, at + 500 + rng.int(3_500));
      // A retry in an outage fails about as often as the first try; otherwise it mostly succeeds.
      const retryFails = rng.next() < (point.incident ? point.errorRate : 0.15);
      if (retryFails) {
        const again = pickError(profile, point, rng);
        const retryLatency = errorLatency(profile, again, rng, point.latencyMultiplier);
        const second = errorFields(profile, again, platform);
        push({ provider, ...second, latencyMs: retryLatency, correlationId, attempt: 2 }, retryAt, subject, jobId, { operation, ...second.metadata });
      } else {
        const retryLatency = sampleLatency(profile, rng, point.latencyMultiplier);
        push({ provider, event: operation, outcome: 'ok', latencyMs: retryLatency, correlationId, attempt: 2 }, retryAt, subject, jobId, platform ? { platform } : undefined);
      }
    }
    start = sliceEnd;
  }
  // Only retries can land out of order (a few seconds late): a stable sort of nearly sorted data.
  out.sort(byTime);
  if (opts.nextKey) for (const event of out) event.idempotencyKey = opts.nextKey();
  return out;
}

const byTime = (a: SimulatedEvent, b: SimulatedEvent) => a.occurredAt.getTime() - b.occurredAt.getTime();

export const SIMULATED_PROVIDERS: readonly string[] = PROVIDER_PROFILES.map((p) => p.provider);

/** Every provider's (or the given providers') calls in [from, to), merged in time order. */
export function generateTraffic(opts: GenerateOptions & { providers?: readonly string[] }): SimulatedEvent[] {
  const all: SimulatedEvent[] = [];
  for (const provider of opts.providers ?? SIMULATED_PROVIDERS) {
    for (const event of generateProviderEvents(provider, { ...opts, nextKey: undefined })) all.push(event);
  }
  all.sort(byTime);
  // Keys are handed out after the merge so they follow time order across providers.
  if (opts.nextKey) for (const event of all) event.idempotencyKey = opts.nextKey();
  return all;
}

/**
 * "mapbox:35" / "mapbox:0.35:40" / "mapbox:35%:40:4": provider, error rate (a share or a
 * percentage), optional minutes (default: until the end) and latency multiplier (default 3).
 */
export function parseIncident(spec: string, now: Date, defaultMinutes = Number.POSITIVE_INFINITY): Incident {
  const [provider, rateText, minutesText, multiplierText] = spec.split(':');
  if (!provider || !SIMULATED_PROVIDERS.includes(provider)) {
    throw new Error(`--incident: unknown provider "${provider ?? ''}"; use one of ${SIMULATED_PROVIDERS.join(', ')}`);
  }
  const raw = Number((rateText ?? '').replace(/%$/, ''));
  if (!rateText || !Number.isFinite(raw) || raw <= 0 || raw > 100) {
    throw new Error(`--incident ${spec}: give an error rate, e.g. ${provider}:35 (35%) or ${provider}:0.35`);
  }
  const errorRate = rateText.endsWith('%') || raw > 1 ? raw / 100 : raw;
  const minutes = minutesText ? Number(minutesText) : defaultMinutes;
  if (!(minutes > 0)) throw new Error(`--incident ${spec}: minutes must be a positive number`);
  const latencyMultiplier = multiplierText ? Number(multiplierText) : 3;
  if (!(latencyMultiplier >= 1)) throw new Error(`--incident ${spec}: the latency multiplier must be at least 1`);
  const to = Number.isFinite(minutes) ? new Date(now.getTime() + minutes * 60_000) : new Date(8.64e15);
  return { provider, errorRate, latencyMultiplier, from: now, to };
}
