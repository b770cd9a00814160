// How a provider's status reads on screen. The server decides the status (provider-status.ts);
// this decides its colour and words. NON_BLOCKING providers (aws_rekognition, openai) speak of
// soft failures and never of an outage (IH-6): a failure there means "no flag", not "down".
import type { MantineColor } from '@mantine/core';
import type { TProviderStatus } from '../../../../shared/integration-health.ts';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { STATUS_COLOR } from '../../app/theme.ts';
import { numberFormat } from '../../lib/intl-cache.ts';

export type StatusDisplay = {
  status: TProviderStatus;
  color: MantineColor;
  /** i18n key of the badge text */
  labelKey: string;
  /** i18n key of what the error rate is called on this card */
  rateKey: 'health.card.errorRate' | 'health.card.softFailRate';
};

const COLOR: Readonly<Record<TProviderStatus, MantineColor>> = {
  healthy: STATUS_COLOR.healthy,
  degraded: STATUS_COLOR.degraded,
  failing: STATUS_COLOR.failing,
  no_data: STATUS_COLOR.noData,
};

export function statusDisplay(p: { status: TProviderStatus; tier: TProviderTier }): StatusDisplay {
  if (p.tier === 'NON_BLOCKING') {
    // The server never answers failing for these; should it ever, amber is still the honest colour.
    const status: TProviderStatus = p.status === 'failing' ? 'degraded' : p.status;
    return {
      status,
      color: COLOR[status],
      labelKey: status === 'degraded' ? 'health.status.softFailing' : `health.status.${status}`,
      rateKey: 'health.card.softFailRate',
    };
  }
  return { status: p.status, color: COLOR[p.status], labelKey: `health.status.${p.status}`, rateKey: 'health.card.errorRate' };
}

/** 1234 -> "1.2 s", 87 -> "87 ms"; null (no latency reported) -> null. */
export function formatLatency(ms: number | null, locale: string): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const nf = (digits: number) => numberFormat(locale, { maximumFractionDigits: digits });
  return ms >= 1000 ? `${nf(1).format(ms / 1000)} s` : `${nf(0).format(ms)} ms`;
}

/** Small rates keep a decimal (0.4%), zero is "0%", no traffic is null (shown as "no data"). */
export function formatRate(rate: number | null, locale: string): string | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  const percent = (r: number, digits: number) => numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(r);
  // A few errors in a million must not read as "0%", which would say there were none.
  if (rate > 0 && rate < 0.0005) return `<${percent(0.001, 1)}`;
  return percent(rate, rate < 0.1 ? 1 : 0);
}
