// Google's OAuth 2 endpoints for a web-server app: the consent page (/o/oauth2/v2/auth),
// the token endpoint (/token) and revocation (/revoke).
import { OAuthError, oauthErrorBody } from './google-errors.ts';
import { escapeHtml, redirect, sendEmpty, sendHtml, sendJson } from './http-utils.ts';
import type { OAuthTokens } from './oauth-tokens.ts';
import { formFields, type RouteContext } from './route-context.ts';
import type { StandinAccount, StandinClient } from './types.ts';

export const AUTH_PATHS = ['/o/oauth2/v2/auth', '/o/oauth2/auth'];
export const TOKEN_PATHS = ['/token', '/o/oauth2/token'];
export const REVOKE_PATHS = ['/revoke', '/o/oauth2/revoke'];

const DEMO_EMAIL = 'demo.user@gmail.com';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Deps = { tokens: OAuthTokens; addAccount: (a: { email: string }) => StandinAccount };

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f4f9;margin:0;color:#1f1f1f}
main{max-width:440px;margin:64px auto;background:#fff;border-radius:24px;padding:36px 40px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:24px;font-weight:400;margin:12px 0 8px}p{color:#444;line-height:1.5}.brand{font-weight:500;color:#1a73e8}
label{display:block;font-size:14px;margin:20px 0 6px}input[type=email]{width:100%;box-sizing:border-box;padding:12px;font-size:16px;border:1px solid #747775;border-radius:4px}
.scopes{font-size:13px;background:#f8fafd;border-radius:8px;padding:8px 12px;word-break:break-all}
.actions{display:flex;justify-content:flex-end;gap:12px;margin-top:28px}
button{font-size:14px;border-radius:20px;padding:10px 24px;border:0;cursor:pointer}
button[value=allow]{background:#0b57d0;color:#fff}button[value=deny]{background:none;color:#0b57d0}
.error{color:#b3261e}
</style></head><body><main>${body}</main></body></html>`;
}

function errorPage(ctx: RouteContext, code: string, detail: string) {
  sendHtml(ctx.res, 400, page('Authorization Error', `<div class="brand">Google</div><h1>Access blocked: Authorization Error</h1>
<p class="error">Error 400: ${escapeHtml(code)}</p><p>${escapeHtml(detail)}</p>`));
}

type AuthRequest = { client: StandinClient; params: Record<string, string> };

function checkAuthRequest(ctx: RouteContext, params: Record<string, string>, deps: Deps): AuthRequest | undefined {
  const client = deps.tokens.client(params.client_id);
  if (!client) {
    errorPage(ctx, 'invalid_client', `The OAuth client was not found. (client_id: ${params.client_id ?? 'missing'})`);
    return undefined;
  }
  const redirectUri = params.redirect_uri;
  if (!redirectUri) {
    errorPage(ctx, 'invalid_request', 'Missing required parameter: redirect_uri');
    return undefined;
  }
  if (!URL.canParse(redirectUri) || (client.redirectUris && !client.redirectUris.includes(redirectUri))) {
    errorPage(ctx, 'redirect_uri_mismatch', `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`);
    return undefined;
  }
  if (params.code_challenge_method && !['S256', 'plain'].includes(params.code_challenge_method)) {
    errorPage(ctx, 'invalid_request', `Invalid code_challenge_method: ${params.code_challenge_method}`);
    return undefined;
  }
  if (!params.scope) {
    errorPage(ctx, 'invalid_request', 'Missing required parameter: scope');
    return undefined;
  }
  return { client, params };
}

function redirectBack(ctx: RouteContext, redirectUri: string, values: Record<string, string | undefined>) {
  const target = new URL(redirectUri);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) target.searchParams.set(k, v);
  redirect(ctx.res, target.toString());
}

function consentPage(ctx: RouteContext, request: AuthRequest, problem?: string) {
  const { params } = request;
  const hidden = Object.entries(params)
    .filter(([k]) => k !== 'email' && k !== 'decision')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const email = params.email ?? params.login_hint ?? DEMO_EMAIL;
  sendHtml(ctx.res, problem ? 400 : 200, page('Sign in with Google — opsdeck stand-in', `<div class="brand">Google</div>
<h1>Sign in with Google — opsdeck stand-in</h1>
<p>A local stand-in for Google's consent screen. <b>${escapeHtml(request.client.clientId)}</b> wants to access your Google Account:</p>
<div class="scopes">${escapeHtml(params.scope)}</div>
<form method="post" action="${escapeHtml(ctx.path)}">${hidden}
<label for="email">Email</label><input id="email" name="email" type="email" required value="${escapeHtml(email)}">
${problem ? `<p class="error">${escapeHtml(problem)}</p>` : ''}
<div class="actions"><button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
<button type="submit" name="decision" value="allow">Allow</button></div></form>`));
}

function handleAuth(ctx: RouteContext, deps: Deps) {
  const params = ctx.method === 'POST' ? formFields(ctx.body) : ctx.query;
  const request = checkAuthRequest(ctx, params, deps);
  if (!request) return;
  const redirectUri = params.redirect_uri!;
  if (params.response_type !== 'code') {
    return redirectBack(ctx, redirectUri, { error: 'unsupported_response_type', state: params.state });
  }
  if (ctx.method !== 'POST') return consentPage(ctx, request);
  if (params.decision === 'deny') return redirectBack(ctx, redirectUri, { error: 'access_denied', state: params.state });
  if (params.decision !== 'allow') return consentPage(ctx, request, 'Choose Allow or Deny.');
  const email = (params.email ?? '').trim();
  if (!EMAIL.test(email)) return consentPage(ctx, request, 'Enter a valid email address.');
  const account = deps.addAccount({ email });
  const code = deps.tokens.issueCode({
    clientId: request.client.clientId,
    redirectUri,
    email: account.email,
    scope: params.scope!,
    offline: params.access_type === 'offline',
    codeChallenge: params.code_challenge || undefined,
    codeChallengeMethod: params.code_challenge ? ((params.code_challenge_method as 'S256' | 'plain' | undefined) ?? 'plain') : undefined,
  });
  redirectBack(ctx, redirectUri, { state: params.state, code, scope: params.scope, authuser: '0', prompt: 'consent' });
}

function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return {};
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  const decode = (v: string) => {
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

function oauthFailure(ctx: RouteContext, error: unknown) {
  if (error instanceof OAuthError) return sendJson(ctx.res, error.status, oauthErrorBody(error.code, error.description));
  throw error;
}

function handleToken(ctx: RouteContext, deps: Deps) {
  if (ctx.method !== 'POST') return sendJson(ctx.res, 405, oauthErrorBody('invalid_request', 'Method Not Allowed'));
  const form = formFields(ctx.body);
  try {
    const basic = basicCredentials(ctx.req.headers.authorization);
    const client = deps.tokens.authenticateClient(basic.id ?? form.client_id, basic.secret ?? form.client_secret);
    if (form.grant_type === 'authorization_code') return sendJson(ctx.res, 200, deps.tokens.exchangeCode(client, form));
    if (form.grant_type === 'refresh_token') return sendJson(ctx.res, 200, deps.tokens.refresh(client, form));
    if (!form.grant_type) throw new OAuthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
  } catch (error) {
    oauthFailure(ctx, error);
  }
}

function handleRevoke(ctx: RouteContext, deps: Deps) {
  const token = ctx.query.token ?? formFields(ctx.body).token;
  try {
    if (!token) throw new OAuthError(400, 'invalid_request', 'Bad Request');
    deps.tokens.revoke(token);
    sendEmpty(ctx.res, 200);
  } catch (error) {
    oauthFailure(ctx, error);
  }
}

/** Answers the request and returns true when the path is one of the OAuth endpoints. */
export function routeOAuth(ctx: RouteContext, deps: Deps): boolean {
  if (AUTH_PATHS.includes(ctx.path)) handleAuth(ctx, deps);
  else if (TOKEN_PATHS.includes(ctx.path)) handleToken(ctx, deps);
  else if (REVOKE_PATHS.includes(ctx.path)) handleRevoke(ctx, deps);
  else return false;
  return true;
}
