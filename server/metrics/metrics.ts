// Prometheus metrics (issue 10, CAL-O3 "error metrics are watchable"), prom-client on one
// registry per process. Labels are bounded sets (route patterns, procedure names, job ids,
// outcomes), never ids or tokens, so series do not grow with traffic.
import client from 'prom-client';

export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry, prefix: 'opsdeck_' });

/** Which kind of process these numbers come from; scrapes of web and worker stay apart. */
export function setMetricsProcess(kind: 'web' | 'worker' | 'cli'): void {
  metricsRegistry.setDefaultLabels({ process: kind });
}

const registers = [metricsRegistry];

export const httpRequestDuration = new client.Histogram({
  name: 'opsdeck_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern (not URL), method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const trpcErrors = new client.Counter({
  name: 'opsdeck_trpc_errors_total',
  help: 'tRPC procedure errors by procedure and tRPC code',
  labelNames: ['procedure', 'code'] as const,
  registers,
});

export const jobRunDuration = new client.Histogram({
  name: 'opsdeck_job_run_duration_seconds',
  help: 'Agenda job runs by job name and outcome',
  labelNames: ['job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers,
});

export const integrationEventsIngested = new client.Counter({
  name: 'opsdeck_integration_events_ingested_total',
  help: 'Events posted to POST /api/integration-events, by outcome (accepted, duplicate, rejected)',
  labelNames: ['outcome'] as const,
  registers,
});

export const reminderEmails = new client.Counter({
  name: 'opsdeck_reminder_emails_total',
  help: 'Reminder e-mail attempts per recipient, by outcome (sent, retrying, failed)',
  labelNames: ['outcome'] as const,
  registers,
});

export const googleSyncCalls = new client.Counter({
  name: 'opsdeck_google_sync_calls_total',
  help: 'Google Calendar calls by operation and outcome (ok or the failure kind: rate_limit, auth, gone, ...)',
  labelNames: ['operation', 'outcome'] as const,
  registers,
});

export const sharedAnswers = new client.Counter({
  name: 'opsdeck_shared_answers_total',
  help: 'Answers of shared read procedures (health overview) by procedure: computed, or handed out again while shared',
  labelNames: ['procedure', 'outcome'] as const,
  registers,
});
