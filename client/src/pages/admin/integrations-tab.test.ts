import { describe, expect, it } from 'vitest';
import { readIntegrationsTab, writeIntegrationsTab } from './integrations-tab.ts';

describe('integrations tab in the URL', () => {
  it('opens API keys unless the URL names another known tab', () => {
    expect(readIntegrationsTab(new URLSearchParams(''))).toBe('keys');
    expect(readIntegrationsTab(new URLSearchParams('tab=providers'))).toBe('providers');
    expect(readIntegrationsTab(new URLSearchParams('tab=nope'))).toBe('keys');
  });

  it('writes only non-default tabs and keeps other parameters', () => {
    expect(writeIntegrationsTab(new URLSearchParams('x=1'), 'providers').toString()).toBe('x=1&tab=providers');
    expect(writeIntegrationsTab(new URLSearchParams('tab=providers&x=1'), 'keys').toString()).toBe('x=1');
  });
});
