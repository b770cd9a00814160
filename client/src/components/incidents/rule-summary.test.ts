import { describe, expect, it } from 'vitest';
import { TIER_RULE_DEFAULTS } from '../../../../shared/alerts.ts';
import { ruleSummary } from './rule-summary.ts';

// Echoes the key and its values, so the test reads what the summary would interpolate.
const t = (key: string, values?: Record<string, unknown>) => `${key.split('.').pop()} ${JSON.stringify(values ?? {})}`;

describe('ruleSummary', () => {
  it('words each rule kind from its params, with rates as percentages', () => {
    const d = TIER_RULE_DEFAULTS.STANDARD.params;
    expect(ruleSummary('THRESHOLD', d.THRESHOLD, t, 'en')).toBe('THRESHOLD {"warning":"5%","critical":"20%","minutes":5,"minErrors":10} · wilson {}');
    expect(ruleSummary('BURN_RATE', d.BURN_RATE, t, 'en')).toBe('BURN_RATE {"slo":"99%","fast":"14.4x 5/60m","slow":"6x 30/360m"}');
    expect(ruleSummary('LATENCY', d.LATENCY, t, 'en')).toBe('LATENCY {"ms":5000,"minutes":10}');
    expect(ruleSummary('SILENCE', d.SILENCE, t, 'en')).toBe('SILENCE {"ratio":"20%","minutes":30,"weeks":2}');
  });

  it('says "never critical" for a threshold whose critical rate cannot be reached (NON_BLOCKING)', () => {
    expect(ruleSummary('THRESHOLD', TIER_RULE_DEFAULTS.NON_BLOCKING.params.THRESHOLD, t, 'en')).toMatch(/^THRESHOLD_WARNING_ONLY \{"warning":"10%","minutes":15,"minErrors":10\}/);
  });
});
