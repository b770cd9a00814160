// The ingestion API's logic apart from HTTP: each item is validated on its own, so one bad
// item is reported by index and the rest are still stored (partial acceptance).
import { z } from 'zod';
import { ZIntegrationEventInput, type TIngestResponse } from '../../shared/integrations.ts';
import type { IngestKey } from '../api-keys/find-api-key.ts';
import { getProviderCatalog } from './provider-catalog.ts';
import { prepareIntegrationEvent, type PreparedEvent } from './prepare-integration-event.ts';
import { writeIntegrationEvents } from './write-integration-events.ts';
import { findUnstorableText, unstorableFieldErrors } from '../input/find-unstorable-text.ts';

/** `storable`: the caller knows every string in `items` is storable (from the raw body), so none is looked at. */
export async function ingestIntegrationEvents(items: readonly unknown[], key: IngestKey, opts: { storable?: boolean } = {}): Promise<TIngestResponse> {
  const catalog = await getProviderCatalog();
  const known = () => [...catalog.keys()].join(', ');
  const now = new Date();
  const prepared: PreparedEvent[] = [];
  const errors: TIngestResponse['errors'] = [];

  items.forEach((item, index) => {
    // One NUL in one event made PostgreSQL refuse the whole batch: a 503 the sender would retry
    // forever. It is that event's field error instead (server/input/find-unstorable-text.ts).
    const unstorable = opts.storable ? null : findUnstorableText(item);
    if (unstorable) {
      errors.push({ index, fieldErrors: unstorableFieldErrors(unstorable, 'event') });
      return;
    }
    const parsed = ZIntegrationEventInput.safeParse(item);
    if (!parsed.success) {
      errors.push({ index, fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> });
      return;
    }
    const provider = catalog.get(parsed.data.provider);
    if (!provider) {
      errors.push({ index, fieldErrors: { provider: [`Unknown provider "${parsed.data.provider}". Known providers: ${known()}`] } });
      return;
    }
    if (key.providers.length && !key.providers.includes(provider.key)) {
      errors.push({ index, fieldErrors: { provider: [`This API key may post only for: ${key.providers.join(', ')}`] } });
      return;
    }
    prepared.push(prepareIntegrationEvent(parsed.data, provider, now));
  });

  const written = prepared.length ? await writeIntegrationEvents(prepared, key.id) : { accepted: 0, duplicate: 0 };
  return { accepted: written.accepted, duplicate: written.duplicate, rejected: errors.length, errors };
}
