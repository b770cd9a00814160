// Incident playbooks (IH-5): Markdown per provider, with a map from each error class to the
// section that handles it. Heading slugs are computed here, for the server (validating the map)
// and the client (heading ids the provider page scrolls to), so the two can never disagree.
import { z } from 'zod';
import { ERROR_CLASSES, ZErrorClass, ZProviderKey, type TErrorClass } from './integrations.ts';

export const PLAYBOOK_MAX_CHARS = 50_000;
export const PLAYBOOK_NOTE_MAX = 300;

/** The three sections every playbook has; their slugs are the fallback anchors. */
export const PLAYBOOK_PARTS = ['symptoms', 'what-to-check', 'actions'] as const;

/** Where an error class opens when a playbook does not map it: the checks. */
export const DEFAULT_SECTION = 'what-to-check';

/** Lower-case ASCII slug; Turkish letters fold to their Latin base (ş→s, ı→i, ğ→g). */
export function slugify(text: string): string {
  return text
    .replace(/[ıİ]/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[`*_~[\]()<>#]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** line is 1-based, as Markdown parsers report positions. */
export type PlaybookHeading = { depth: 2 | 3; text: string; slug: string; line: number };

/**
 * The ## and ### headings of a Markdown document, outside code fences, in order. Repeated
 * slugs get -1, -2 suffixes the way GitHub numbers them, so every anchor is unique.
 */
export function playbookHeadings(markdown: string): PlaybookHeading[] {
  const seen = new Map<string, number>();
  const out: PlaybookHeading[] = [];
  let fence: string | null = null;
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const m = /^\s{0,3}(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[2]!.trim();
    const base = slugify(text) || 'section';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ depth: m[1]!.length as 2 | 3, text, slug: n === 0 ? base : `${base}-${n}`, line: i + 1 });
  }
  return out;
}

/** The section an error class opens at: the mapped heading if it still exists, else the checks. */
export function sectionForClass(sections: Partial<Record<TErrorClass, string>>, headings: readonly PlaybookHeading[], errorClass: string): string | null {
  const slugs = new Set(headings.map((h) => h.slug));
  const mapped = (sections as Record<string, string | undefined>)[errorClass];
  if (mapped && slugs.has(mapped)) return mapped;
  if (slugs.has(DEFAULT_SECTION)) return DEFAULT_SECTION;
  return headings[0]?.slug ?? null;
}

/** Heading ids in the page are prefixed so a playbook's "actions" never collides with the app's ids. */
export const anchorId = (slug: string) => `playbook-${slug}`;

export const ZPlaybookSections = z.partialRecord(ZErrorClass, z.string().max(120));
export type TPlaybookSections = z.infer<typeof ZPlaybookSections>;

export const ZPlaybook = z.object({
  provider: z.string(),
  markdown: z.string(),
  sections: ZPlaybookSections,
  /** 0 while the provider has no playbook yet. */
  version: z.number().int(),
  updatedAt: z.date().nullable(),
  updatedBy: z.string().nullable(),
});
export type TPlaybook = z.infer<typeof ZPlaybook>;

export const ZPlaybookGetInput = z.object({ provider: ZProviderKey });

const ZMarkdown = z
  .string()
  .max(PLAYBOOK_MAX_CHARS, { error: `Use at most ${PLAYBOOK_MAX_CHARS} characters` })
  .refine((s) => s.trim().length > 0, { error: 'Write the playbook (it cannot be empty)' });

export const ZPlaybookUpdateInput = z.object({
  provider: ZProviderKey,
  markdown: ZMarkdown,
  sections: ZPlaybookSections.default({}),
  note: z.string().trim().max(PLAYBOOK_NOTE_MAX, { error: `Use at most ${PLAYBOOK_NOTE_MAX} characters` }).default(''),
  /** The version the editor started from; another edit in between answers CONFLICT. */
  expectedVersion: z.number().int().min(0),
});
export type TPlaybookUpdateInput = z.input<typeof ZPlaybookUpdateInput>;

export const ZPlaybookVersion = z.object({
  version: z.number().int(),
  note: z.string(),
  restoredFrom: z.number().int().nullable(),
  author: z.string().nullable(),
  createdAt: z.date(),
  chars: z.number().int(),
});
export const ZPlaybookVersionsOutput = z.array(ZPlaybookVersion);

export const ZPlaybookVersionInput = z.object({ provider: ZProviderKey, version: z.number().int().min(1) });
export const ZPlaybookVersionDetail = ZPlaybookVersion.extend({ markdown: z.string(), sections: ZPlaybookSections });

export const ZPlaybookRestoreInput = z.object({
  provider: ZProviderKey,
  version: z.number().int().min(1),
  expectedVersion: z.number().int().min(0),
});

export { ERROR_CLASSES };
