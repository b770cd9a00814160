// POST /api/releases: CI records a deploy with an API key (the same keys as event ingestion).
//   Authorization: Bearer <api key>
//   { "version": "2026.11.3", "environment": "production", "commitSha": "9f1c2ab",
//     "notes": "…", "releasedAt": "2026-11-23T10:00:00Z" }   (only version is required)
// 201 { release }  · 400 { error, message, fieldErrors: { field: [messages] } } (also for
// non-JSON bodies) · 401 without a valid key · 409 when the environment already has the version.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { z } from 'zod';
import { findApiKey, touchApiKey, type IngestKey } from '../api-keys/find-api-key.ts';
import { AppError } from '../errors.ts';
import { findUnstorableText, unstorableFieldErrors } from '../input/find-unstorable-text.ts';
import { taggedLogger } from '../logger.ts';
import { recordRelease } from '../releases/record-release.ts';
import { RELEASES_PATH, ZReleaseCreateInput } from '../../shared/releases.ts';

const log = taggedLogger('integrations');
const problem = (res: express.Response, status: number, body: Record<string, unknown>) => res.status(status).json(body);

const authenticate: RequestHandler = async (req, res, next) => {
  try {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const key = await findApiKey(match?.[1]);
    if (!key) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="releases"');
      return problem(res, 401, { error: 'unauthorized', message: 'Send a valid API key as "Authorization: Bearer <key>"' });
    }
    res.locals.apiKey = key;
    next();
  } catch (error) {
    next(error);
  }
};

const create: RequestHandler = async (req, res, next) => {
  const key = res.locals.apiKey as IngestKey;
  // A NUL in the notes reached PostgreSQL, which refused it: a 500 (server/input/find-unstorable-text.ts).
  const unstorable = findUnstorableText(req.body);
  if (unstorable) return problem(res, 400, { error: 'bad_request', message: 'The release is not valid', fieldErrors: unstorableFieldErrors(unstorable, 'body') });
  const parsed = ZReleaseCreateInput.safeParse(req.body ?? {});
  if (!parsed.success) {
    return problem(res, 400, { error: 'bad_request', message: 'The release is not valid', fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }
  try {
    const release = await recordRelease({ input: parsed.data, by: { kind: 'api', apiKeyId: key.id }, requestId: res.locals.requestId });
    void touchApiKey(key.id).catch((err) => log.warn({ err }, 'could not record API key use'));
    res.status(201).json({ release });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      return problem(res, 409, { error: 'conflict', message: error.message, fieldErrors: error.details.fieldErrors, releaseId: error.details.releaseId });
    }
    next(error);
  }
};

const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
  if (err?.type === 'entity.parse.failed') return problem(res, 400, { error: 'bad_request', message: 'The body is not valid JSON', fieldErrors: {} });
  if (err?.type === 'entity.too.large') return problem(res, 413, { error: 'payload_too_large', message: 'The body is over 16 KiB' });
  next(err);
};

export function releaseRoutes() {
  const router = express.Router();
  router.post(RELEASES_PATH, authenticate, express.json({ limit: '16kb', type: () => true }), create, bodyErrors);
  return router;
}
