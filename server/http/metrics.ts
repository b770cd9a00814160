// GET /metrics in Prometheus' text format, and the middleware that times every request by
// its route pattern. METRICS_TOKEN, when set, must come as a bearer token (production scrapes
// cross a network; the numbers say more about the system than a stranger should learn).
import express, { type Request, type RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config.ts';
import { httpRequestDuration, metricsRegistry } from '../metrics/metrics.ts';

/** The route pattern, never the URL: the ICS feed's token and ids must not become labels. */
export function routeLabel(req: Request): string {
  if (req.route?.path) return `${req.baseUrl}${String(req.route.path)}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  // The tRPC adapter is mounted with app.use, so there is no req.route: its path is the procedure.
  if (path.startsWith('/api/trpc/')) return `/api/trpc/${path.slice('/api/trpc/'.length).split(',').length > 1 ? '(batch)' : path.slice('/api/trpc/'.length)}`;
  if (path.startsWith('/api/')) return '/api/(unmatched)';
  return '(spa)';
}

export const timeRequests: RequestHandler = (req, res, next) => {
  const end = httpRequestDuration.startTimer();
  res.once('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
  next();
};

function authorised(req: Request): boolean {
  const token = getConfig().metricsToken;
  if (!token) return true;
  const given = Buffer.from(req.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export const serveMetrics: RequestHandler = async (req, res) => {
  if (!authorised(req)) return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized', message: 'Send METRICS_TOKEN as a bearer token' });
  res.setHeader('Content-Type', metricsRegistry.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(await metricsRegistry.metrics());
};

export function metricsRoutes() {
  const router = express.Router();
  router.get('/metrics', serveMetrics);
  return router;
}
