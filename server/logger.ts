// Structured JSON logs (pino). The runbook's tags ([reminder], [sync]) are kept
// both as a `tag` field, for central collection, and in the message, for humans grepping.
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'opsdeck', pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  redact: {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.token'],
    censor: '[redacted]',
  },
});

export type Logger = pino.Logger;

export type LogTag = 'reminder' | 'sync' | 'jobs' | 'http' | 'db' | 'auth' | 'boot' | 'integrations' | 'alerts';

/** A child logger whose lines carry `tag` and start with `[tag]`, as the runbook's log searches expect. */
export function taggedLogger(tag: LogTag, base: Logger = logger): Logger {
  return base.child({ tag }, { msgPrefix: `[${tag}] ` });
}
