// The playbook renderer never lets stored Markdown inject markup or scripts, and gives headings
// the ids error groups link to.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { PlaybookMarkdown } from './PlaybookMarkdown.tsx';

const render = (markdown: string, highlight: string | null = null) =>
  renderToStaticMarkup(createElement(MantineProvider, null, createElement(PlaybookMarkdown, { markdown, highlight })));

describe('[IH-5][PLAYBOOK] rendering', () => {
  it('drops raw HTML and unsafe link targets', () => {
    const html = render(
      [
        '## Symptoms',
        '<script>alert(1)</script>',
        '<img src=x onerror="alert(2)">',
        '<b onclick="x()">bold</b>',
        '[click](javascript:alert(3)) [ok](https://status.example/path)',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|<img|<b[ >]/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://status.example/path"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('gives ## and ### headings their anchors, highlights the opened one, and renders task lists as checkboxes', () => {
    const html = render('# Title\n\n## Symptoms\n\n- [ ] Map does not load\n\n## What to check\n\n### Credentials and secrets\n\n- [ ] Token set?\n', 'credentials-and-secrets');
    expect(html).toContain('id="playbook-symptoms"');
    expect(html).toContain('id="playbook-what-to-check"');
    expect(html).toMatch(/<h3[^>]*id="playbook-credentials-and-secrets"[^>]*data-highlighted="true"/);
    expect(html).not.toMatch(/<h2[^>]*id="playbook-symptoms"[^>]*data-highlighted/);
    expect(html.match(/type="checkbox"/g)?.length).toBe(2);
    expect(html).toMatch(/<label[^>]*><input type="checkbox"[^>]*\/><span>\s*Map does not load<\/span><\/label>/);
  });
});
