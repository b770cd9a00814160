// Small pure helpers for the Mailbox page, kept apart so they can be tested.
import type { TMailSummary } from '../../../../shared/mailbox.ts';

/** 1536 -> "1.5 KB" in the viewer's language; bytes stay whole. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "ayse@example.com" or "ayse@example.com +2": the list shows one address and how many more. */
export function recipientsLabel(to: TMailSummary['to']): string {
  if (to.length === 0) return '';
  return to.length === 1 ? to[0]! : `${to[0]} +${to.length - 1}`;
}

/**
 * The message's HTML as a sandboxed document: no scripts, links open outside the console, and
 * nothing the mail references is fetched (a CSP inside the frame), so opening a mail never
 * calls out to a tracker or runs its code.
 */
export function sandboxedHtml(html: string): string {
  const head = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'"><base target="_blank">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${head}`) : `<!doctype html><html><head>${head}</head><body>${html}</body></html>`;
}
