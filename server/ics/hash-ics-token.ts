// Feed tokens are bearer secrets in a URL that calendar apps poll for years. Only a keyed
// hash is stored (CAL-I4): a leaked table cannot be replayed, and a token minted in another
// environment (other ICS_SIGNING_SECRET) hashes to something no row holds.
import { createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '../config.ts';
import { ICS_FEED_PATH } from '../../shared/ics.ts';

/** 32 random bytes, base64url: always 43 characters from [A-Za-z0-9_-]. */
export const ICS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const ICS_TOKEN_PREFIX_LENGTH = 6;

export function generateIcsToken(): { token: string; tokenHash: string; prefix: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashIcsToken(token), prefix: token.slice(0, ICS_TOKEN_PREFIX_LENGTH) };
}

export function hashIcsToken(token: string, secret: string = getConfig().icsSigningSecret): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export function icsFeedUrl(token: string): string {
  // Trailing slashes trimmed, not resolved with new URL(): a base with a path (https://x/opsdeck) keeps it.
  return `${getConfig().publicBaseUrl.replace(/\/+$/, '')}${ICS_FEED_PATH}/${token}.ics`;
}
