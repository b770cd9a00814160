// What the SPA does to run under the server's strict CSP (server/http/app.ts).
// zod's jitless setting, the other half of running under that CSP, is set by public/zod-config.js.

// The server puts a fresh nonce into the SPA shell's <meta name="csp-nonce"> on every load and
// allows <style> elements carrying it. Mantine stamps it on the style tags it injects (CSS
// variables, colour-scheme switch). Under Vite's dev server the placeholder stays and no CSP is
// sent, so an unreplaced value is harmless.
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

export function cspNonce(doc: Pick<Document, 'querySelector'> = document): string | undefined {
  const value = doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? undefined;
  return value && value !== CSP_NONCE_PLACEHOLDER ? value : undefined;
}
