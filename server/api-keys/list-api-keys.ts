import { getDb } from '../db.ts';
import { apiKeySelect } from './api-key-select.ts';

/** Active keys first, newest first; revoked ones stay listed for the audit trail. */
export function listApiKeys() {
  return getDb().apiKey.findMany({ select: apiKeySelect, orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] });
}
