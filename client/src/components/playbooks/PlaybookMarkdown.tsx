// Renders a playbook: GitHub-flavoured Markdown (task lists, tables) through react-markdown,
// which builds React elements from the syntax tree and never injects HTML; raw HTML in the
// source is dropped (skipHtml) and link targets go through react-markdown's URL filter
// (no javascript:). Headings get the ids the error groups link to (shared/playbooks.ts).
import { useMemo, useState, type ComponentProps, type ReactNode } from 'react';
import { Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { anchorId, playbookHeadings } from '../../../../shared/playbooks.ts';

type Props = {
  markdown: string;
  /** The section to draw attention to (the error group's class opened it). */
  highlight?: string | null;
  /** Without `checks`, ticks are per reader and per view; an incident passes its stored ones. */
  interactive?: boolean;
  testId?: string;
  /** Controlled ticks by the task item's line (an incident keeps them, issue 8). */
  checks?: { ticked: ReadonlySet<number>; onToggle: (line: number, text: string, checked: boolean) => void };
};

type HastNode = { type?: string; value?: string; children?: HastNode[] };
type NodeProps = { node?: HastNode & { position?: { start: { line: number } } } };
const lineOf = (p: NodeProps) => p.node?.position?.start.line ?? 0;
const textOf = (n: HastNode | undefined): string => (n?.type === 'text' ? (n.value ?? '') : (n?.children ?? []).map(textOf).join(''));

export function PlaybookMarkdown({ markdown, highlight = null, interactive = true, testId = 'playbook-markdown', checks }: Props) {
  const [localTicks, setTicked] = useState<ReadonlySet<number>>(new Set());
  const ticked = checks?.ticked ?? localTicks;
  // New text, new list: a tick on line 12 of another version means nothing.
  const [source, setSource] = useState(markdown);
  if (source !== markdown) {
    setSource(markdown);
    setTicked(new Set());
  }
  const slugByLine = useMemo(() => new Map(playbookHeadings(markdown).map((h) => [h.line, h.slug])), [markdown]);

  const components = useMemo<Components>(() => {
    const heading = (Tag: 'h2' | 'h3') =>
      function Heading(props: ComponentProps<'h2'> & NodeProps) {
        const { node: _node, children, ...rest } = props;
        const slug = slugByLine.get(lineOf(props));
        const active = slug !== undefined && slug === highlight;
        return (
          <Tag
            {...rest}
            id={slug ? anchorId(slug) : undefined}
            data-slug={slug}
            data-highlighted={active || undefined}
            tabIndex={slug ? -1 : undefined}
            style={{ scrollMarginTop: 70, fontSize: Tag === 'h2' ? 'var(--mantine-font-size-lg)' : 'var(--mantine-font-size-md)', marginTop: Tag === 'h2' ? 18 : 12, marginBottom: 6, ...(active ? { background: 'var(--mantine-color-yellow-light)', borderRadius: 4, padding: '2px 6px', marginLeft: -6 } : null) }}
          >
            {children}
          </Tag>
        );
      };
    return {
      h2: heading('h2'),
      h3: heading('h3'),
      li(props: ComponentProps<'li'> & NodeProps) {
        const { node: _node, className, children, ...rest } = props;
        if (!className?.includes('task-list-item')) return <li {...rest} className={className}>{children}</li>;
        // The item's own line keys its tick: GFM's generated checkbox has no position of its own.
        const line = lineOf(props);
        const checked = ticked.has(line);
        return (
          <li {...rest} className={className} style={{ listStyle: 'none', marginLeft: '-1.2em' }} data-testid="playbook-check" data-line={line} data-checked={checked || undefined}>
            <label style={{ display: 'flex', gap: 8, alignItems: 'flex-start', cursor: interactive ? 'pointer' : undefined }}>
              <input
                type="checkbox"
                checked={checked}
                disabled={!interactive}
                style={{ marginTop: 5 }}
                onChange={() =>
                  checks
                    ? checks.onToggle(line, textOf(props.node).trim().slice(0, 500), !checked)
                    : setTicked((prev) => {
                    const next = new Set(prev);
                    if (next.has(line)) next.delete(line);
                    else next.add(line);
                    return next;
                  })
                }
              />
              <span>{children as ReactNode}</span>
            </label>
          </li>
        );
      },
      input(props: ComponentProps<'input'> & NodeProps) {
        const { node: _node, ...rest } = props;
        // Task-list checkboxes are drawn by li above; nothing else in Markdown makes inputs.
        return rest.type === 'checkbox' ? null : <input {...rest} />;
      },
      a(props: ComponentProps<'a'> & NodeProps) {
        const { node: _node, ...rest } = props;
        return <a {...rest} target="_blank" rel="noopener noreferrer nofollow" />;
      },
    };
  }, [slugByLine, highlight, ticked, interactive, checks]);

  return (
    <Typography data-testid={testId} fz="sm">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {markdown}
      </Markdown>
    </Typography>
  );
}
