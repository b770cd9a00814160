// API keys are 32 random bytes, so a plain SHA-256 is as strong as a password hash would be
// and costs microseconds per request (ingestion authenticates every batch).
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '../../shared/api-keys.ts';

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export const isWellFormedApiKey = (key: string) => /^odk_[A-Za-z0-9_-]{43}$/.test(key);
