// Pure helpers for the admin Integrations page: how thresholds, rates and the key's
// copy-paste example read. No React, so the wording rules are unit-tested.
import type { MantineColor } from '@mantine/core';
import type { TApiKey } from '../../../../shared/api-keys.ts';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { STATUS_COLOR } from '../../app/theme.ts';
import { numberFormat } from '../../lib/intl-cache.ts';

export const INGEST_PATH = '/api/integration-events';

/** Tiers rank importance, not health: their badges keep clear of the status colours. */
export const TIER_COLOR: Readonly<Record<TProviderTier, MantineColor>> = {
  CORE: 'grape',
  CRITICAL: 'violet',
  STANDARD: 'blue',
  NON_BLOCKING: 'cyan',
};

export type ApiKeyStatus = 'active' | 'revoked';

export function apiKeyStatus(key: Pick<TApiKey, 'revokedAt'>): ApiKeyStatus {
  return key.revokedAt ? 'revoked' : 'active';
}

/** A revoked key is a closed chapter, not a failure: grey, never red. */
export const API_KEY_STATUS_COLOR: Readonly<Record<ApiKeyStatus, MantineColor>> = {
  active: STATUS_COLOR.healthy,
  revoked: STATUS_COLOR.noData,
};

/** 0.02 -> "2%", 0.015 -> "1.5%", in the viewer's language ("%2" in Turkish). */
export function formatPercent(rate: number, locale: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatCount(value: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export type ThresholdValues = {
  degraded: string;
  /** null: the provider never becomes failing (NON_BLOCKING, IH-6). */
  failing: string | null;
  minErrors: number;
};

export function thresholdValues(
  thresholds: { degradedErrorRate: number; failingErrorRate: number; minErrors: number },
  locale: string,
): ThresholdValues {
  return {
    degraded: formatPercent(thresholds.degradedErrorRate, locale),
    // A rate above 100% can never be reached: that is how the catalog says "never failing".
    failing: thresholds.failingErrorRate > 1 ? null : formatPercent(thresholds.failingErrorRate, locale),
    minErrors: thresholds.minErrors,
  };
}

/** The event a curl example should post for a provider: a success event it already knows. */
export function exampleEventFor(provider: { key: string; knownEvents: readonly string[] } | undefined): { provider: string; event: string } {
  if (!provider) return { provider: 'sendgrid', event: 'sendgrid_email_sent' };
  const event = provider.knownEvents.find((name) => !/error/.test(name)) ?? provider.knownEvents[0] ?? `${provider.key}_call_ok`;
  return { provider: provider.key, event };
}

/** POSIX single-quoting: safe to paste into any sh/bash/zsh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function curlExample(opts: { origin: string; key: string; provider: string; event: string; idempotencyKey?: string }): string {
  const body = {
    events: [
      {
        provider: opts.provider,
        event: opts.event,
        outcome: 'ok',
        latencyMs: 120,
        idempotencyKey: opts.idempotencyKey ?? 'replace-with-a-unique-id',
      },
    ],
  };
  const url = `${opts.origin.replace(/\/+$/, '')}${INGEST_PATH}`;
  return [
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H ${shellQuote(`Authorization: Bearer ${opts.key}`)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join('\n');
}
