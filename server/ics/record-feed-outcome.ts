// Every feed request ends here. Today it is a structured log line; the ICS feed is also a
// provider of the integration-health half, and once its event writer exists this is the one
// place that records `ics_feed_served` / `ics_feed_error` for provider `ics_feed`.
import { logger, taggedLogger } from '../logger.ts';

const log = taggedLogger('http');

export type FeedOutcome = {
  status: number;
  latencyMs: number;
  /** The link's owner; null when the token resolved to nothing. Never the token itself. */
  userId: string | null;
  tokenId?: string | null;
  requestId?: string;
  method?: string;
  err?: unknown;
};

export function feedOutcomeEvent(status: number): 'ics_feed_served' | 'ics_feed_error' {
  return status < 400 ? 'ics_feed_served' : 'ics_feed_error';
}

/** Never throws: a failure to record must not turn a served feed into an error. */
export function recordFeedOutcome(outcome: FeedOutcome): void {
  try {
    const event = feedOutcomeEvent(outcome.status);
    const level = outcome.status >= 500 ? 'error' : outcome.status >= 400 ? 'warn' : 'info';
    const { err, ...fields } = outcome;
    log[level]({ provider: 'ics_feed', event, ...fields, latencyMs: Math.round(outcome.latencyMs * 10) / 10, ...(err ? { err } : {}) }, event);
  } catch (error) {
    logger.error({ err: error }, 'recording an ICS feed outcome failed');
  }
}
