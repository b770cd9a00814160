// zod 4 decides, each time it builds an object schema, whether to compile a fast parser with
// `new Function`, after probing whether eval works. Under the server's script-src 'self'
// (server/http/app.ts) that probe is reported as a CSP violation on every load, and the jitless
// parser is what zod falls back to anyway. z.config() from our code can come too late: chunks
// that build schemas may evaluate first. zod reads its config from this global when it loads,
// and this classic script runs before any module script.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
