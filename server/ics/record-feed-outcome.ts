// Every feed request ends here: one structured log line and one integration event for provider
// `ics_feed` (`ics_feed_served` / `ics_feed_error`), with status and latency, never the token.
import { logger, taggedLogger } from '../logger.ts';
import { logIntegrationEvent } from '../integrations/log-integration-event.ts';

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

function feedErrorMessage(status: number): string {
  if (status === 404) return 'Unknown, malformed or revoked feed token';
  if (status === 429) return 'Feed polled faster than its rate limit';
  return `Feed request failed with HTTP ${status}`;
}

/** Never throws: a failure to record must not turn a served feed into an error. */
export function recordFeedOutcome(outcome: FeedOutcome): void {
  try {
    const event = feedOutcomeEvent(outcome.status);
    const level = outcome.status >= 500 ? 'error' : outcome.status >= 400 ? 'warn' : 'info';
    const { err, ...fields } = outcome;
    const latencyMs = Math.round(outcome.latencyMs * 10) / 10;
    log[level]({ provider: 'ics_feed', event, ...fields, latencyMs, ...(err ? { err } : {}) }, event);
    const failed = outcome.status >= 400;
    logIntegrationEvent({
      provider: 'ics_feed',
      event,
      outcome: failed ? 'error' : 'ok',
      latencyMs: Math.round(outcome.latencyMs),
      ...(failed ? { errorCode: String(outcome.status), errorMessage: feedErrorMessage(outcome.status) } : {}),
      subject: outcome.userId ?? undefined,
      correlationId: outcome.requestId,
      metadata: { status: outcome.status, method: outcome.method ?? 'GET' },
    });
  } catch (error) {
    logger.error({ err: error }, 'recording an ICS feed outcome failed');
  }
}
