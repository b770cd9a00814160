import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadModule, useLoadedModule } from './use-loaded-module.ts';

function Show({ load }: { load: () => Promise<{ text: string }> }) {
  const m = useLoadedModule(load);
  return createElement('p', null, m ? m.text : 'placeholder');
}
const html = (load: () => Promise<{ text: string }>) => renderToString(createElement(Show, { load }));

describe('useLoadedModule', () => {
  it('draws the placeholder while loading and the module, in the same render, once it has loaded', async () => {
    let calls = 0;
    const load = async () => ({ text: `loaded ${++calls}` });
    expect(html(load)).toBe('<p>placeholder</p>');
    const first = preloadModule(load);
    expect(preloadModule(load)).toBe(first);
    await first;
    expect(html(load)).toBe('<p>loaded 1</p>');
    expect(html(load)).toBe('<p>loaded 1</p>');
    expect(calls).toBe(1);
  });

  it('throws a failed load to the error boundary once, then loads again', async () => {
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error('chunk failed');
      return { text: 'second try' };
    };
    await expect(preloadModule(load)).rejects.toThrow('chunk failed');
    expect(() => html(load)).toThrow('chunk failed');
    expect(html(load)).toBe('<p>placeholder</p>');
    await preloadModule(load);
    expect(html(load)).toBe('<p>second try</p>');
    expect(calls).toBe(2);
  });
});
