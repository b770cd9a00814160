// Access-log lines carry the request URL. A few of our URLs carry credentials in the query string:
// Google's OAuth callback (?code=&state=) above all. The ICS feed, whose path is its token, is
// kept out of the access log altogether (ics-feed.ts).
const SECRET_PARAMS = new Set(['code', 'state', 'token', 'access_token', 'refresh_token', 'id_token', 'key', 'api_key']);
const CENSOR = '[redacted]';

export function logSafeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAMS.has(name.toLowerCase())) {
      params.set(name, CENSOR);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString().replaceAll(encodeURIComponent(CENSOR), CENSOR)}` : url;
}

export function logSafeQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, SECRET_PARAMS.has(k.toLowerCase()) ? CENSOR : v]));
}
