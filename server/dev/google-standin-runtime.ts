// Demo mode for Google (issue 5): outside production with no GOOGLE_CLIENT_ID, the server runs
// the local stand-in and "Connect Google Calendar" talks to it; workers and CLIs on the same
// DATA_DIR find it through a discovery file, as they find the mail catcher. The stand-in keeps
// its state in memory, so after a server restart connected demo accounts must reconnect (their
// refresh tokens are unknown to the new stand-in, which answers invalid_grant like Google would).
import { DEMO_CLIENT, startGoogleStandin, type GoogleStandin } from './google-standin/index.ts';
import type { GoogleEndpoints } from '../google/google-endpoints.ts';
import { findDiscovery, removeDiscoveryIfOurs, writeDiscovery } from './discovery-file.ts';

type Discovery = { url: string; authUrl: string; tokenUrl: string; revokeUrl: string };

const endpointsOf = (d: Discovery): GoogleEndpoints => ({
  clientId: DEMO_CLIENT.clientId,
  clientSecret: DEMO_CLIENT.clientSecret,
  apiBaseUrl: d.url,
  authUrl: d.authUrl,
  tokenUrl: d.tokenUrl,
  revokeUrl: d.revokeUrl,
  standin: true,
});

export async function startDemoGoogle(opts: { port: number; discoveryFile: string }): Promise<{ standin: GoogleStandin; endpoints: GoogleEndpoints; close: () => Promise<void> }> {
  const standin = await startGoogleStandin({ port: opts.port, clients: [{ ...DEMO_CLIENT }] });
  const discovery: Discovery = { url: standin.url, authUrl: standin.authUrl, tokenUrl: standin.tokenUrl, revokeUrl: standin.revokeUrl };
  await writeDiscovery(opts.discoveryFile, discovery);
  return {
    standin,
    endpoints: endpointsOf(discovery),
    async close() {
      await removeDiscoveryIfOurs(opts.discoveryFile);
      await standin.close();
    },
  };
}

const isDiscovery = (v: Record<string, unknown>): v is Discovery & { pid: number } =>
  typeof v.pid === 'number' && typeof v.url === 'string' && typeof v.authUrl === 'string' && typeof v.tokenUrl === 'string' && typeof v.revokeUrl === 'string';

/** The endpoints of the stand-in the server on this DATA_DIR runs, or null (none, or it died). */
export async function findDemoGoogle(discoveryFile: string): Promise<GoogleEndpoints | null> {
  const found = await findDiscovery(discoveryFile, isDiscovery);
  return found ? endpointsOf(found) : null;
}

let current: GoogleStandin | null = null;

/** The stand-in this process runs (server only): the demo control page links to it. */
export function getDemoGoogle(): GoogleStandin | null {
  return current;
}

export function setDemoGoogle(standin: GoogleStandin | null): void {
  current = standin;
}
