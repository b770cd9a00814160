import type { Prisma } from '../db.ts';
import { ZPlaybookSections, type TPlaybookSections } from '../../shared/playbooks.ts';

export const playbookSelect = {
  provider: true,
  markdown: true,
  sections: true,
  version: true,
  updatedAt: true,
  updatedById: true,
} satisfies Prisma.PlaybookSelect;

export const playbookVersionSelect = {
  version: true,
  note: true,
  restoredFrom: true,
  createdAt: true,
  markdown: true,
  sections: true,
  author: { select: { name: true } },
} satisfies Prisma.PlaybookVersionSelect;

/** Stored JSON is read back through the schema: a hand-edited row never reaches the client malformed. */
export function readSections(value: unknown): TPlaybookSections {
  const parsed = ZPlaybookSections.safeParse(value);
  return parsed.success ? parsed.data : {};
}
