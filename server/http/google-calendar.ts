// Google Calendar's HTTP side (issue 5): the OAuth connect and callback the browser follows,
// Google's webhook, and the manual sync of CAL-G2. Signed-in routes use the session cookie.
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import { taggedLogger } from '../logger.ts';
import { completeGoogleConnect, startGoogleConnect } from '../google/connect-google.ts';
import { CALLBACK_PATH, WEBHOOK_PATH } from '../google/google-endpoints.ts';
import { handleGoogleNotification } from '../google/handle-google-notification.ts';
import { syncGoogleNow } from '../google/sync-google-now.ts';
import { GOOGLE_CONNECT_PATH, GOOGLE_SETTINGS_PATH, ZSyncNowInput } from '../../shared/google.ts';

const log = taggedLogger('sync');

const sessionOf = (req: Request) => findSessionUser(parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE]);
const originOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

function backToSettings(outcome: 'connected' | 'error', message?: string): string {
  const params = new URLSearchParams({ google: outcome, ...(message ? { message } : {}) });
  return `${GOOGLE_SETTINGS_PATH}?${params}`;
}

const connect: RequestHandler = async (req, res) => {
  const session = await sessionOf(req);
  if (!session) return void res.redirect(303, `/sign-in?next=${encodeURIComponent(GOOGLE_SETTINGS_PATH)}`);
  try {
    const url = await startGoogleConnect({ userId: session.user.id, sessionId: session.sessionId, origin: originOf(req), loginHint: session.user.email });
    res.redirect(303, url);
  } catch (error) {
    res.redirect(303, backToSettings('error', error instanceof Error ? error.message : String(error)));
  }
};

const callback: RequestHandler = async (req, res) => {
  const session = await sessionOf(req);
  if (!session) return void res.redirect(303, `/sign-in?next=${encodeURIComponent(GOOGLE_SETTINGS_PATH)}`);
  const { code, state, error } = req.query as Record<string, string | undefined>;
  if (error) return void res.redirect(303, backToSettings('error', error === 'access_denied' ? 'Access was not granted on the Google page' : `Google answered: ${error}`));
  if (!code || !state) return void res.redirect(303, backToSettings('error', 'The Google answer had no code; start again'));
  try {
    await completeGoogleConnect({ sessionId: session.sessionId, userId: session.user.id, code, state, origin: originOf(req), requestId: String(res.locals.requestId ?? '') || undefined });
    res.redirect(303, backToSettings('connected'));
  } catch (err) {
    log.warn({ err, userId: session.user.id }, '[sync] Google connect failed');
    res.redirect(303, backToSettings('error', err instanceof Error ? err.message : String(err)));
  }
};

const webhook: RequestHandler = async (req, res) => {
  const number = Number(req.get('x-goog-message-number'));
  try {
    const outcome = await handleGoogleNotification({
      channelId: req.get('x-goog-channel-id') ?? undefined,
      token: req.get('x-goog-channel-token') ?? undefined,
      resourceId: req.get('x-goog-resource-id') ?? undefined,
      resourceState: req.get('x-goog-resource-state') ?? undefined,
      messageNumber: Number.isSafeInteger(number) && number > 0 ? number : undefined,
    });
    log.debug({ outcome, channelId: req.get('x-goog-channel-id') }, 'Google notification');
    // 200 for everything we will not act on, too: Google retries non-2xx answers.
    res.status(200).end();
  } catch (err) {
    // Could not queue the import (database down): a 500 makes Google retry the notification.
    log.error({ err }, '[sync] Google notification could not be handled');
    res.status(500).end();
  }
};

const syncNow: RequestHandler = async (req, res) => {
  const session = await sessionOf(req);
  if (!session) return void res.status(401).json({ error: 'unauthorized', message: 'Sign in to continue' });
  const parsed = ZSyncNowInput.safeParse(req.body ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'body'] ??= []).push(issue.message);
    return void res.status(400).json({ error: 'invalid_body', fieldErrors });
  }
  const userId = parsed.data.userId ?? session.user.id;
  if (userId !== session.user.id && session.user.role !== 'ADMIN') {
    return void res.status(403).json({ error: 'forbidden', message: 'Only admins may sync another user' });
  }
  try {
    res.status(200).json(await syncGoogleNow(userId));
  } catch (err) {
    if (err instanceof AppError) return void res.status(err.httpStatus).json({ error: err.code.toLowerCase(), message: err.message });
    throw err;
  }
};

// A body that is not JSON (or too big) ended in the app's generic handler, without the field
// errors this route promises; found by the bad-input properties (tests/bad-input-http.test.ts).
const syncBodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err?.type === 'entity.parse.failed') return void res.status(400).json({ error: 'invalid_body', fieldErrors: { body: ['The body is not valid JSON'] } });
  if (err?.type === 'entity.too.large') return void res.status(413).json({ error: 'payload_too_large', fieldErrors: { body: ['The body is over 4 KiB'] } });
  if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') {
    return void res.status(415).json({ error: 'unsupported', fieldErrors: { body: ['Send UTF-8 JSON'] } });
  }
  next(err);
};

export function googleCalendarRoutes() {
  const router = express.Router();
  router.get(GOOGLE_CONNECT_PATH, connect);
  router.get(CALLBACK_PATH, callback);
  router.post(WEBHOOK_PATH, webhook);
  router.post('/api/calendar/sync', express.json({ limit: '4kb' }), syncNow, syncBodyErrors);
  return router;
}
