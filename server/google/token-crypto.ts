// OAuth tokens at rest (issue 5): AES-256-GCM under a key derived from TOKEN_ENCRYPTION_KEY.
// A database dump alone never yields a usable Google token. The key id prefix lets a later key
// rotation tell old ciphertexts from new ones.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getConfig } from '../config.ts';

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'opsdeck', 'oauth-token-encryption', 32));
    keys.set(secret, key);
  }
  return key;
}

export function sealToken(plain: string, secret = getConfig().tokenEncryptionKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Throws when the text was not sealed with this key or was altered (GCM authenticates it). */
export function openToken(sealed: string, secret = getConfig().tokenEncryptionKey): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Not a sealed token');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
