// Error groups: the same failure with different ids, numbers or times is one group.
import { createHash } from 'node:crypto';

export function maskErrorMessage(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\b[0-9a-f]{12,}\b/gi, '<id>')
    .replace(/\b[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]{10,}\b/g, '<id>')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export function errorFingerprint(parts: { provider: string; event: string; errorClass: string; errorMessage?: string | null }): string {
  return createHash('sha1')
    .update([parts.provider, parts.event, parts.errorClass, maskErrorMessage(parts.errorMessage ?? '')].join('\u0000'))
    .digest('hex')
    .slice(0, 20);
}
