// Authorization codes, access and refresh tokens, and id_tokens, kept in memory with the
// rules Google applies: codes are single-use, short-lived and bound to the client, the
// redirect_uri and the PKCE challenge; revoking a refresh token kills its access tokens.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { OAuthError } from './google-errors.ts';
import type { StandinAccount, StandinClient } from './types.ts';

const CODE_LIFE_MS = 10 * 60 * 1000;

type AuthCode = {
  clientId: string;
  redirectUri: string;
  email: string;
  scope: string;
  offline: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  expiresAt: number;
  used: boolean;
};

type RefreshToken = { email: string; clientId: string; scope: string; revoked: boolean };
type AccessToken = { email: string; clientId: string; scope: string; expiresAt: number; refreshToken?: string; revoked: boolean };

export type AccessGrant = { email: string; clientId: string; scope: string };

const random = (prefix: string, bytes: number) => prefix + randomBytes(bytes).toString('base64url');

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signIdToken(payload: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

export type OAuthTokens = ReturnType<typeof createOAuthTokens>;

export function createOAuthTokens(opts: {
  clients: StandinClient[];
  accessTokenTtlSec: number;
  account: (email: string) => StandinAccount | undefined;
}) {
  const codes = new Map<string, AuthCode>();
  const refreshTokens = new Map<string, RefreshToken>();
  const accessTokens = new Map<string, AccessToken>();

  const client = (clientId: string | undefined) => opts.clients.find((c) => c.clientId === clientId);

  function authenticateClient(clientId: string | undefined, clientSecret: string | undefined): StandinClient {
    const found = client(clientId);
    if (!found) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret === undefined || !safeEqual(found.clientSecret, clientSecret)) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    return found;
  }

  function issueCode(c: Omit<AuthCode, 'expiresAt' | 'used'>): string {
    const code = random('4/0A', 48);
    codes.set(code, { ...c, expiresAt: Date.now() + CODE_LIFE_MS, used: false });
    return code;
  }

  function accessTokenFor(grant: { email: string; clientId: string; scope: string }, refreshToken?: string) {
    const token = random('ya29.a0', 96);
    accessTokens.set(token, { ...grant, expiresAt: Date.now() + opts.accessTokenTtlSec * 1000, refreshToken, revoked: false });
    return token;
  }

  function idToken(c: StandinClient, email: string): string {
    const account = opts.account(email)!;
    const iat = Math.floor(Date.now() / 1000);
    return signIdToken({
      iss: 'https://accounts.google.com',
      azp: c.clientId,
      aud: c.clientId,
      sub: account.sub,
      email: account.email,
      email_verified: true,
      name: account.name,
      iat,
      exp: iat + 3600,
    }, c.clientSecret);
  }

  function exchangeCode(c: StandinClient, form: Record<string, string>) {
    if (!form.code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const code = codes.get(form.code);
    if (!code) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
    if (code.used || code.expiresAt < Date.now() || code.clientId !== c.clientId) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (form.redirect_uri !== code.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (code.codeChallenge !== undefined) {
      const verifier = form.code_verifier;
      if (!verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const computed = code.codeChallengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
      if (!safeEqual(computed, code.codeChallenge)) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    code.used = true;
    const grant = { email: code.email, clientId: c.clientId, scope: code.scope };
    let refreshToken: string | undefined;
    if (code.offline) {
      refreshToken = random('1//0g', 72);
      refreshTokens.set(refreshToken, { ...grant, revoked: false });
    }
    return {
      access_token: accessTokenFor(grant, refreshToken),
      expires_in: opts.accessTokenTtlSec,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      scope: code.scope,
      token_type: 'Bearer',
      id_token: idToken(c, code.email),
    };
  }

  function refresh(c: StandinClient, form: Record<string, string>) {
    if (!form.refresh_token) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const stored = refreshTokens.get(form.refresh_token);
    if (!stored || stored.revoked) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    if (stored.clientId !== c.clientId) throw new OAuthError(400, 'unauthorized_client', 'Unauthorized');
    return {
      access_token: accessTokenFor(stored, form.refresh_token),
      expires_in: opts.accessTokenTtlSec,
      scope: stored.scope,
      token_type: 'Bearer',
      id_token: idToken(c, stored.email),
    };
  }

  function revokeRefresh(token: string) {
    const stored = refreshTokens.get(token);
    if (!stored) return;
    stored.revoked = true;
    for (const access of accessTokens.values()) if (access.refreshToken === token) access.revoked = true;
  }

  /** Google: revoking an access token also revokes the refresh token it came from. */
  function revoke(token: string) {
    const refreshToken = refreshTokens.get(token);
    const accessToken = accessTokens.get(token);
    if ((!refreshToken || refreshToken.revoked) && (!accessToken || accessToken.revoked || accessToken.expiresAt < Date.now())) {
      throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    }
    if (refreshToken) revokeRefresh(token);
    if (accessToken) {
      accessToken.revoked = true;
      if (accessToken.refreshToken) revokeRefresh(accessToken.refreshToken);
    }
  }

  /** undefined: unknown, expired or revoked (the Calendar API answers 401). */
  function checkAccessToken(token: string): AccessGrant | undefined {
    const stored = accessTokens.get(token);
    if (!stored || stored.revoked || stored.expiresAt <= Date.now()) return undefined;
    return { email: stored.email, clientId: stored.clientId, scope: stored.scope };
  }

  const sameAccount = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  return {
    client,
    authenticateClient,
    issueCode,
    exchangeCode,
    refresh,
    revoke,
    checkAccessToken,
    revokeRefreshTokens(email: string) {
      for (const [token, stored] of refreshTokens) if (sameAccount(stored.email, email)) revokeRefresh(token);
      for (const stored of accessTokens.values()) if (sameAccount(stored.email, email)) stored.revoked = true;
    },
    expireAccessTokens(email?: string) {
      for (const stored of accessTokens.values()) if (!email || sameAccount(stored.email, email)) stored.expiresAt = Date.now() - 1;
    },
  };
}
