// Latency histograms packed into one decimal number for the rollup tables' latency_hist_packed:
// bucket i occupies decimal digits [12i, 12i + 12) counted from the right, so adding two packed
// numbers adds the histograms bucket by bucket. PostgreSQL then sums a window's histogram with
// one sum(numeric) per row instead of 34 sum(latency_hist[i]), which is what made the health
// reads slow at 10M events (~1 µs per rollup row, bench/README.md). A field overflows only past
// 10^12 latencies in one bucket of one sum: years of traffic at millions of events a minute.
import { HISTOGRAM_SIZE } from './latency-histogram.ts';

export const FIELD_DIGITS = 12;

/** Decimal digits of the packed histogram, for a numeric parameter. */
export function packHistogram(hist: readonly number[]): string {
  let out = '';
  for (let i = HISTOGRAM_SIZE - 1; i >= 0; i--) {
    const n = hist[i] ?? 0;
    if (out === '') {
      if (n !== 0) out = String(n);
    } else {
      out += String(n).padStart(FIELD_DIGITS, '0');
    }
  }
  return out || '0';
}

/** The histogram back from a packed number's decimal text (as PostgreSQL prints numeric). */
export function unpackHistogram(text: string): number[] {
  const hist = new Array<number>(HISTOGRAM_SIZE).fill(0);
  // Digit by digit: twice as fast as slice + Number, and a long series unpacks hundreds.
  for (let i = 0, end = text.length; i < HISTOGRAM_SIZE && end > 0; i++) {
    const start = Math.max(0, end - FIELD_DIGITS);
    let n = 0;
    for (let c = start; c < end; c++) n = n * 10 + (text.charCodeAt(c) - 48);
    hist[i] = n;
    end = start;
  }
  return hist;
}
