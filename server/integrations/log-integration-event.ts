// IH-2: every provider call logs an integration event through here. Logging must never hurt
// the call it observes: it never throws, never awaits the database on the caller's path, and
// holds at most MAX_BUFFERED events in memory. A failed flush keeps the events for the next
// try; only overflow drops, and a drop is itself logged. Shutdown flushes what is left.
import { z } from 'zod';
import { taggedLogger } from '../logger.ts';
import { ZIntegrationEventInput, type TIntegrationEventInput } from '../../shared/integrations.ts';
import { getProviderCatalog } from './provider-catalog.ts';
import { prepareIntegrationEvent, type PreparedEvent } from './prepare-integration-event.ts';
import { writeIntegrationEvents } from './write-integration-events.ts';
import { toStorableText } from '../input/find-unstorable-text.ts';

export const INTERNAL_SOURCE = 'internal';
const MAX_BUFFERED = 10_000;
const FLUSH_AT = 500;
const FLUSH_AFTER_MS = 250;
const RETRY_AFTER_MS = 2_000;

const log = taggedLogger('integrations');

type Pending = { input: z.output<typeof ZIntegrationEventInput>; receivedAt: Date };

const state = {
  buffer: [] as Pending[],
  timer: undefined as NodeJS.Timeout | undefined,
  flushing: undefined as Promise<void> | undefined,
  dropped: 0,
};

function schedule(delayMs: number) {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    void flushIntegrationEvents();
  }, delayMs);
  // A pending flush must not keep a finished CLI alive; shutdown flushes explicitly.
  state.timer.unref();
}

export function logIntegrationEvent(event: TIntegrationEventInput): void {
  try {
    const parsed = ZIntegrationEventInput.safeParse(event);
    if (!parsed.success) {
      log.warn({ provider: event.provider, event: event.event, issues: z.flattenError(parsed.error).fieldErrors }, 'integration event not logged: invalid');
      return;
    }
    if (state.buffer.length >= MAX_BUFFERED) {
      state.buffer.shift();
      state.dropped++;
      if (state.dropped === 1 || state.dropped % 1000 === 0) log.error({ dropped: state.dropped }, 'integration event buffer full: oldest events dropped');
    }
    // A provider's error text may hold a NUL or half of a surrogate pair (or our 2000-unit cut may
    // make one): PostgreSQL would refuse the batch on every retry, so the bad unit becomes U+FFFD.
    state.buffer.push({ input: toStorableText(parsed.data), receivedAt: new Date() });
    schedule(state.buffer.length >= FLUSH_AT ? 0 : FLUSH_AFTER_MS);
  } catch (error) {
    log.error({ err: error }, 'integration event not logged');
  }
}

async function flushOnce(): Promise<void> {
  while (state.buffer.length) {
    const batch = state.buffer.slice(0, FLUSH_AT);
    let prepared: PreparedEvent[];
    try {
      const catalog = await getProviderCatalog();
      prepared = [];
      for (const p of batch) {
        const provider = catalog.get(p.input.provider);
        if (!provider) log.warn({ provider: p.input.provider, event: p.input.event }, 'integration event for an unknown provider dropped');
        else prepared.push(prepareIntegrationEvent(p.input, provider, p.receivedAt));
      }
      await writeIntegrationEvents(prepared, INTERNAL_SOURCE);
      state.buffer.splice(0, batch.length);
    } catch (error) {
      log.error({ err: error, pending: state.buffer.length }, 'integration events not written yet; will retry');
      schedule(RETRY_AFTER_MS);
      return;
    }
  }
}

/** Writes everything buffered; resolves when done or when the database refused (events stay). */
export function flushIntegrationEvents(): Promise<void> {
  state.flushing ??= flushOnce().finally(() => {
    state.flushing = undefined;
  });
  return state.flushing;
}

export function pendingIntegrationEvents(): number {
  return state.buffer.length;
}

type CallNames = { ok: string; error: string };
type CallContext = Pick<TIntegrationEventInput, 'correlationId' | 'subject' | 'jobId' | 'attempt' | 'metadata'>;

/** A provider error's code as providers report it: HTTP status, SMTP reply, Google reason, errno. */
export function providerErrorCode(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as Record<string, unknown>;
  const candidates = [e.reason, e.responseCode, e.status, e.statusCode, e.code, (e.response as Record<string, unknown> | undefined)?.status];
  const found = candidates.find((c) => typeof c === 'string' || typeof c === 'number');
  return found === undefined ? undefined : String(found);
}

/** Times a provider call and logs its outcome; the call's result or error passes through untouched. */
export async function withIntegrationEvent<T>(provider: string, names: CallNames, fn: () => Promise<T>, context: CallContext = {}): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    logIntegrationEvent({ provider, event: names.ok, outcome: 'ok', latencyMs: Math.round(performance.now() - started), ...context });
    return result;
  } catch (error) {
    logIntegrationEvent({
      provider,
      event: names.error,
      outcome: 'error',
      latencyMs: Math.round(performance.now() - started),
      errorCode: providerErrorCode(error)?.slice(0, 100),
      errorMessage: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
      ...context,
    });
    throw error;
  }
}
