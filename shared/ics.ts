// ICS subscription links (CAL-I1..I5): what the client may send and receive. The token itself
// appears only in ZIcsLinkCreateOutput.url, once; no schema here carries it or its hash.
import { z } from 'zod';

export const ICS_FEED_MODES = ['FULL', 'BUSY'] as const;
export const ZIcsFeedMode = z.enum(ICS_FEED_MODES);
export type TIcsFeedMode = z.infer<typeof ZIcsFeedMode>;

export const ICS_LINK_NAME_MAX = 60;
export const ICS_MAX_ACTIVE_LINKS = 20;
/** Feed URLs are `${publicBaseUrl}${ICS_FEED_PATH}/<token>.ics`; DELETE `${ICS_FEED_PATH}/token` revokes all. */
export const ICS_FEED_PATH = '/api/calendar/ics';

export const ZIcsLink = z.object({
  id: z.string(),
  name: z.string(),
  mode: ZIcsFeedMode,
  /** First characters of the token, so people can tell their links apart. */
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  lastUserAgent: z.string().nullable(),
});
export type TIcsLink = z.infer<typeof ZIcsLink>;

export const ZIcsLinkCreateInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Enter a name, e.g. iPhone' })
    .max(ICS_LINK_NAME_MAX, { error: `Use at most ${ICS_LINK_NAME_MAX} characters` }),
  // Full details unless asked otherwise: `create({ name })` is the documented short form.
  mode: ZIcsFeedMode.default('FULL'),
});
export type TIcsLinkCreateInput = z.infer<typeof ZIcsLinkCreateInput>;

export const ZIcsLinkCreateOutput = z.object({
  link: ZIcsLink,
  /** The subscription URL with its token: shown once, never retrievable again. */
  url: z.url(),
});
export type TIcsLinkCreateOutput = z.infer<typeof ZIcsLinkCreateOutput>;

export const ZIcsLinksListOutput = z.array(ZIcsLink);

export const ZIcsLinkRevokeInput = z.object({ id: z.uuid({ error: 'Not a link id' }) });
export const ZIcsLinkRevokeOutput = z.object({ id: z.string(), revokedAt: z.date() });

export const ZIcsLinksRevokeAllOutput = z.object({ revoked: z.number().int().min(0) });
export type TIcsLinksRevokeAllOutput = z.infer<typeof ZIcsLinksRevokeAllOutput>;
