// The overview's two queries, named once: the page reads them, and the app starts them as soon
// as it knows an admin is signed in (before the page's code has even arrived), so a cold visit
// does not wait for `auth.me`, then the page chunk, then the data, one after the other.
import type { QueryClient } from '@tanstack/react-query';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { THealthWindow } from '../../../../shared/integration-health.ts';
import type { AppRouter } from '../../lib/trpc.ts';
import { healthWindowInput, readHealthView } from '../../components/health/health-window.ts';

export function overviewQueries(trpc: TRPCOptionsProxy<AppRouter>, input: THealthWindow) {
  return {
    summary: trpc.integrations.summary.queryOptions(input),
    // The chart draws error rates: no latency histograms (the costliest part of the read).
    series: trpc.integrations.timeseries.queryOptions({ ...input, by: 'provider', latency: false }),
  };
}

/** The overview's data for the window in `search` (the URL's query string), into the cache. */
export function prefetchOverview(queryClient: QueryClient, trpc: TRPCOptionsProxy<AppRouter>, search: string): void {
  const q = overviewQueries(trpc, healthWindowInput(readHealthView(new URLSearchParams(search))));
  // Errors stay in the cache for the page to show in place (it renders them inline).
  void queryClient.prefetchQuery({ ...q.summary, meta: { inlineErrors: true } });
  void queryClient.prefetchQuery({ ...q.series, meta: { inlineErrors: true } });
}

/** The overview's own chunks: the chart (and Recharts with it) is fetched while the cards render. */
export const loadErrorRateChart = () => import('../../components/health/ErrorRateChart.tsx');
