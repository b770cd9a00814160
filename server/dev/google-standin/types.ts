// The stand-in's public shapes. GoogleEvent mirrors the subset of the Calendar v3 Event
// resource we use; any other field a client sends is kept and returned, as Google does.

export type GoogleEventDateTime = { dateTime?: string; date?: string; timeZone?: string };

export type GoogleEventAttendee = {
  email: string;
  displayName?: string;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  organizer?: boolean;
  self?: boolean;
  optional?: boolean;
  [key: string]: unknown;
};

export type GooglePerson = { email: string; displayName?: string; self?: boolean };

export type GoogleEvent = {
  kind: 'calendar#event';
  id: string;
  etag: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: GoogleEventDateTime;
  end?: GoogleEventDateTime;
  attendees?: GoogleEventAttendee[];
  organizer: GooglePerson;
  creator: GooglePerson;
  sequence: number;
  iCalUID: string;
  eventType?: string;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  reminders?: { useDefault: boolean; overrides?: { method: 'email' | 'popup'; minutes: number }[] };
  transparency?: 'opaque' | 'transparent';
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  [key: string]: unknown;
};

export type StandinAccount = {
  email: string;
  name: string;
  /** Google's stable numeric user id (the id_token `sub`). */
  sub: string;
  timeZone: string;
  /** The watch `resourceId` of the account's primary calendar's events collection. */
  resourceId: string;
};

export type StandinChannel = {
  id: string;
  resourceId: string;
  resourceUri: string;
  address: string;
  token?: string;
  /** Milliseconds since the epoch. */
  expiration: number;
  email: string;
  /** The message number of the last notification sent (or dropped) on this channel. */
  messageNumber: number;
};

export type Fault = {
  method?: string;
  /** A string matches when the request path contains it; a RegExp is tested against the path. */
  path?: string | RegExp;
  /** How many matching requests it answers; default 1. */
  times?: number;
  status: number;
  /** rateLimitExceeded | userRateLimitExceeded | quotaExceeded | backendError | ... */
  reason?: string;
  retryAfterSec?: number;
  message?: string;
};

export type RecordedRequest = {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; authorization is redacted. */
  headers: Record<string, string>;
  /** Parsed JSON or form body (client_secret redacted), the raw text otherwise, null when empty. */
  body: unknown;
  status: number;
};

export type StandinClient = { clientId: string; clientSecret: string; redirectUris?: string[] };

export type GoogleStandinOptions = {
  port?: number;
  host?: string;
  /** Accepted OAuth clients; default one demo client (DEMO_CLIENT). */
  clients?: StandinClient[];
  accessTokenTtlSec?: number;
  /** maxResults when the caller sends none (Google: 250). */
  pageSize?: number;
  log?: (line: string) => void;
};

export type GoogleStandin = {
  url: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  close(): Promise<void>;
  addAccount(a: { email: string; name?: string; timeZone?: string }): StandinAccount;
  account(email: string): StandinAccount | undefined;
  accounts(): StandinAccount[];
  upsertEvent(email: string, event: Partial<GoogleEvent> & { id?: string }): GoogleEvent;
  deleteEvent(email: string, eventId: string): void;
  events(email: string, opts?: { includeCancelled?: boolean }): GoogleEvent[];
  getEvent(email: string, eventId: string): GoogleEvent | undefined;
  inject(fault: Fault): void;
  clearFaults(): void;
  expireSyncTokens(email?: string): void;
  revokeRefreshTokens(email: string): void;
  expireAccessTokens(email?: string): void;
  channels(email?: string): StandinChannel[];
  notify(email: string, opts?: { skipMessageNumber?: boolean }): Promise<void>;
  dropNotifications(email: string, count: number): void;
  /** Resolves when no push notification is in flight. */
  settled(): Promise<void>;
  requests: RecordedRequest[];
};
