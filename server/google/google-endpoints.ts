// Where Google is for this process: the real endpoints from config, or the local stand-in
// (server/dev/google-standin) the server started in demo mode, which workers and CLIs find
// through its discovery file. Null means Google sync is not configured here.
import { getConfig } from '../config.ts';

export type GoogleEndpoints = {
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** GOOGLE_REDIRECT_URI; unset means `<origin the user came from>/api/calendar/google/callback`. */
  redirectUri?: string;
  standin: boolean;
};

type Source = GoogleEndpoints | null | (() => Promise<GoogleEndpoints | null>);
let source: Source | undefined;
let webhookBaseUrl: string | undefined;

/** Boot (stand-in started or found) and tests point the product at a Google here. */
export function useGoogleEndpoints(next: Source | undefined): void {
  source = next;
}

export async function googleEndpoints(): Promise<GoogleEndpoints | null> {
  if (source !== undefined) return typeof source === 'function' ? source() : source;
  const { google } = getConfig();
  if (!google.clientId || !google.clientSecret) return null;
  return {
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    apiBaseUrl: google.apiBaseUrl,
    authUrl: google.authUrl,
    tokenUrl: google.tokenUrl,
    revokeUrl: google.revokeUrl,
    redirectUri: google.redirectUri,
    standin: false,
  };
}

export const WEBHOOK_PATH = '/api/calendar/google/webhook';
export const CALLBACK_PATH = '/api/calendar/google/callback';

/** The server sets its listening URL at start-up; Google posts notifications there. */
export function setWebhookBaseUrl(url: string | undefined): void {
  webhookBaseUrl = url;
}

export function webhookAddress(): string {
  // Real Google only calls HTTPS addresses on a verified domain: PUBLIC_BASE_URL in production.
  const base = getConfig().isProduction ? getConfig().publicBaseUrl : (webhookBaseUrl ?? getConfig().publicBaseUrl);
  return new URL(WEBHOOK_PATH, base).toString();
}
