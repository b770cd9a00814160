import { describe, expect, it } from 'vitest';
import { formatBytes, recipientsLabel, sandboxedHtml } from './mail-format.ts';

describe('mail format', () => {
  it('formats sizes in the viewer language, whole bytes and one decimal under ten', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'tr')).toBe('1,5 KB');
    expect(formatBytes(20 * 1024, 'en')).toBe('20 KB');
    expect(formatBytes(3 * 1024 * 1024, 'en')).toBe('3.0 MB');
  });

  it('names the first recipient and counts the rest', () => {
    expect(recipientsLabel([])).toBe('');
    expect(recipientsLabel(['a@example.com'])).toBe('a@example.com');
    expect(recipientsLabel(['a@example.com', 'b@example.com', 'c@example.com'])).toBe('a@example.com +2');
  });

  it('puts a no-fetch CSP into the document, with or without a head', () => {
    const bare = sandboxedHtml('<p>Hi</p><img src="https://tracker.example/x.gif">');
    expect(bare).toMatch(/^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:;/);
    expect(bare).toContain('<body><p>Hi</p>');
    const full = sandboxedHtml('<html><HEAD><title>x</title></HEAD><body>Hi</body></html>');
    expect(full.indexOf('Content-Security-Policy')).toBeGreaterThan(full.indexOf('<HEAD>'));
    expect(full.indexOf('Content-Security-Policy')).toBeLessThan(full.indexOf('<title>'));
    expect(full.match(/Content-Security-Policy/g)).toHaveLength(1);
  });
});
