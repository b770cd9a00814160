// What the SPA does to run under the server's strict CSP (server/http/app.ts).
import { z } from 'zod';

// zod 4 compiles fast object parsers with `new Function` after probing whether eval works; under
// script-src 'self' the probe itself is reported as a CSP violation on every load. Its jitless
// parser is what it falls back to when eval is blocked anyway, so ask for it from the start.
z.config({ jitless: true });

// The server puts a fresh nonce into the SPA shell's <meta name="csp-nonce"> on every load and
// allows <style> elements carrying it. Mantine stamps it on the style tags it injects (CSS
// variables, colour-scheme switch). Under Vite's dev server the placeholder stays and no CSP is
// sent, so an unreplaced value is harmless.
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function cspNonce(doc: Pick<Document, 'querySelector'> = document): string | undefined {
  const value = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? undefined;
  return value && value !== CSP_NONCE_PLACEHOLDER ? value : undefined;
}
