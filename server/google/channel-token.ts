// Webhook channel tokens: random per channel, only their HMAC is stored, compared in constant
// time. A forged notification cannot make us call Google for an account.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getConfig } from '../config.ts';

export function newChannelToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashChannelToken(token: string): string {
  return createHmac('sha256', getConfig().tokenEncryptionKey).update(`google-channel:${token}`).digest('hex');
}

export function channelTokenMatches(token: string | undefined, storedHash: string | null): boolean {
  if (!token || !storedHash) return false;
  const a = Buffer.from(hashChannelToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
