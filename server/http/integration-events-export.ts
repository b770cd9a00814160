// GET /api/integration-events.csv?provider=mapbox&outcome=error&from=…: the filtered event list
// as CSV, for staff signed in with the session cookie (the browser follows a plain link, so no
// tRPC here). Streamed with backpressure; a failure after the first byte aborts the download
// instead of handing over a file that looks complete.
import express, { type RequestHandler } from 'express';
import { once } from 'node:events';
import { parse as parseCookies } from 'cookie';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.ts';
import { taggedLogger } from '../logger.ts';
import { exportIntegrationEventsCsv } from '../integrations/export-integration-events.ts';
import { EXPORT_PATH, ZEventExportQuery } from '../../shared/integration-health.ts';
import { isStaff } from '../../shared/roles.ts';
import { findUnstorableText, unstorableFieldErrors } from '../input/find-unstorable-text.ts';

const log = taggedLogger('integrations');

function fileName(provider: string | undefined, now: Date): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `integration-events-${provider ?? 'all'}-${stamp}.csv`;
}

const exportCsv: RequestHandler = async (req, res) => {
  const session = await findSessionUser(parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]);
  if (!session) return void res.status(401).json({ error: 'unauthorized', message: 'Sign in to continue' });
  if (!isStaff(session.user.role)) return void res.status(403).json({ error: 'forbidden', message: 'This needs the support or admin role' });
  // "%00" in a filter reached PostgreSQL, which refused it after the 200 was sent: a cut-off
  // download (server/input/find-unstorable-text.ts).
  const unstorable = findUnstorableText(req.query);
  if (unstorable) return void res.status(400).json({ error: 'invalid_query', fieldErrors: unstorableFieldErrors(unstorable, 'query') });
  const parsed = ZEventExportQuery.safeParse(req.query);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'query'] ??= []).push(issue.message);
    return void res.status(400).json({ error: 'invalid_query', fieldErrors });
  }

  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName(parsed.data.provider, new Date())}"`);
  res.setHeader('Cache-Control', 'no-store');
  let closed = false;
  res.on('close', () => (closed = true));
  let rows = 0;
  try {
    // The BOM makes spreadsheet apps read UTF-8 (Turkish messages) instead of guessing a code page.
    res.write('\uFEFF');
    for await (const chunk of exportIntegrationEventsCsv(parsed.data)) {
      if (closed) return;
      rows += chunk.rows;
      if (!res.write(chunk.csv)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
    log.info({ userId: session.user.id, rows, filter: parsed.data }, 'integration events exported');
  } catch (err) {
    log.error({ err, userId: session.user.id }, 'integration events export failed');
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
};

export function integrationEventsExportRoutes() {
  const router = express.Router();
  router.get(EXPORT_PATH, exportCsv);
  return router;
}
