// Reads tRPC client errors structurally (code, zod field errors, retry-after) so the
// global handler, forms and tests share one interpretation of what the server said.

export type TrpcErrorCode =
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | (string & {});

export type TrpcErrorInfo = {
  /** null when no tRPC answer arrived (network down, proxy error page) */
  code: TrpcErrorCode | null;
  message: string;
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
  retryAfterSeconds: number | null;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function readTrpcError(error: unknown): TrpcErrorInfo {
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : String(error);
  const data = isRecord(error) && isRecord(error.data) ? error.data : null;
  const zod = data && isRecord(data.zodError) ? data.zodError : null;
  const fieldErrors: Record<string, string[]> = {};
  if (zod && isRecord(zod.fieldErrors)) {
    for (const [field, messages] of Object.entries(zod.fieldErrors)) {
      const list = stringArray(messages);
      if (list.length) fieldErrors[field] = list;
    }
  }
  const retry = data?.retryAfterSeconds;
  return {
    code: data && typeof data.code === 'string' ? data.code : null,
    message,
    formErrors: zod ? stringArray(zod.formErrors) : [],
    fieldErrors,
    retryAfterSeconds: typeof retry === 'number' && Number.isFinite(retry) && retry > 0 ? retry : null,
  };
}

export function hasFieldErrors(info: TrpcErrorInfo): boolean {
  return Object.keys(info.fieldErrors).length > 0;
}

/** Whole minutes to wait, rounded up and never 0, for "try again in N minutes". */
export function retryAfterMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Client errors the same request will hit again: retrying only delays the message. */
const NOT_RETRYABLE = new Set<string>([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'PARSE_ERROR',
  'METHOD_NOT_SUPPORTED',
  'UNPROCESSABLE_CONTENT',
]);

export function shouldRetry(failureCount: number, error: unknown, maxRetries = 2): boolean {
  const { code } = readTrpcError(error);
  if (code && NOT_RETRYABLE.has(code)) return false;
  return failureCount < maxRetries;
}

/** An i18n key plus values; `t(key, values)` turns it into the sentence to show. */
export type Translatable = { key: string; values?: Record<string, string | number> };

/**
 * Exact English texts the server (and the shared zod schemas) send, mapped to i18n keys,
 * so a Turkish user does not get English. Unknown texts fall through verbatim.
 */
const SERVER_MESSAGES: ReadonlyArray<[RegExp, string, (m: RegExpMatchArray) => Record<string, string>]> = [
  [/^Invalid e-mail or password$/, 'serverMessages.invalidCredentials', () => ({})],
  [/^Sign in to continue$/, 'serverMessages.signInToContinue', () => ({})],
  [/^This needs the admin role$/, 'serverMessages.needsAdmin', () => ({})],
  [/^This needs the support or admin role$/, 'serverMessages.needsStaff', () => ({})],
  [/^You cannot change your own role or disable your own account$/, 'serverMessages.cannotChangeSelf', () => ({})],
  [/^No such user$/, 'serverMessages.noSuchUser', () => ({})],
  [/^A user with the e-mail (.+) already exists$/, 'serverMessages.emailTaken', (m) => ({ email: m[1] ?? '' })],
  [/^Enter a valid e-mail address/, 'validation.email', () => ({})],
  [/^Enter your password$/, 'validation.passwordRequired', () => ({})],
  [/^Use at least 12 characters$/, 'validation.passwordMin', () => ({})],
  [/^Use at most 256 characters$/, 'validation.passwordMax', () => ({})],
  [/^Enter a name$/, 'validation.nameRequired', () => ({})],
  [/^Check the highlighted fields$/, 'errors.checkFields', () => ({})],
  // Calendar events (shared/calendar-events.ts and server/calendar/).
  [/^Enter a title$/, 'calendar.validation.titleRequired', () => ({})],
  [/^The end must be after the start \(the start falls in a daylight-saving gap\)$/, 'calendar.validation.endAfterStartGap', () => ({})],
  [/^The end must be after the start$/, 'calendar.validation.endAfterStart', () => ({})],
  [/^The end date cannot be before the start date$/, 'calendar.validation.endDateBeforeStart', () => ({})],
  [/^Use the form YYYY-MM-DDTHH:mm$/, 'calendar.validation.dateTimeRequired', () => ({})],
  [/^Use the form YYYY-MM-DD$/, 'calendar.validation.dateRequired', () => ({})],
  [/^Not a real date( and time)?$/, 'calendar.validation.notRealDate', () => ({})],
  [/^Choose a time zone$/, 'calendar.validation.timezoneRequired', () => ({})],
  [/^Unknown time zone "(.*)", use an IANA name/, 'calendar.validation.unknownTimezone', (m) => ({ zone: m[1] ?? '' })],
  [/^Enter the reminder in minutes$/, 'calendar.validation.reminderRequired', () => ({})],
  [/^Use whole minutes$/, 'calendar.validation.reminderWhole', () => ({})],
  [/^The reminder cannot be negative$/, 'calendar.validation.reminderNegative', () => ({})],
  [/^The reminder can be at most (\d+) minutes/, 'calendar.validation.reminderMax', (m) => ({ max: m[1] ?? '' })],
  [/^(.+) is listed twice$/, 'calendar.validation.attendeeTwice', (m) => ({ email: m[1] ?? '' })],
  [/^An event can have at most (\d+) attendees$/, 'calendar.validation.tooManyAttendees', (m) => ({ max: m[1] ?? '' })],
  [/^Use at most (\d+) characters$/, 'calendar.validation.maxChars', (m) => ({ max: m[1] ?? '' })],
  [/^No such event$/, 'calendar.errors.notFound', () => ({})],
  [/^Only the organiser can change this event$/, 'calendar.errors.onlyOrganiserChange', () => ({})],
  [/^Only the organiser can cancel this event$/, 'calendar.errors.onlyOrganiserCancel', () => ({})],
  [/^Only attendees can answer an invitation$/, 'calendar.errors.onlyAttendees', () => ({})],
  [/^This event was changed meanwhile/, 'calendar.errors.stale', () => ({})],
  [/^This page link is no longer valid/, 'events.errors.staleCursor', () => ({})],
];

export function translatableServerMessage(message: string): Translatable {
  for (const [pattern, key, values] of SERVER_MESSAGES) {
    const match = message.match(pattern);
    if (match) return { key, values: values(match) };
  }
  return { key: 'errors.verbatim', values: { message } };
}

/** The one sentence a toast or an inline alert shows for an error. */
export function describeError(error: unknown): Translatable {
  const info = readTrpcError(error);
  if (info.code === null) {
    // No tRPC envelope: the request never reached the API or came back as something else.
    return { key: 'errors.network' };
  }
  switch (info.code) {
    case 'TOO_MANY_REQUESTS':
      return info.retryAfterSeconds
        ? { key: 'errors.rateLimited', values: { count: retryAfterMinutes(info.retryAfterSeconds) } }
        : { key: 'errors.rateLimitedLater' };
    case 'INTERNAL_SERVER_ERROR':
      return { key: 'errors.internal' };
    case 'BAD_REQUEST': {
      const first = info.formErrors[0];
      if (first) return translatableServerMessage(first);
      if (hasFieldErrors(info)) return { key: 'errors.checkFields' };
      return translatableServerMessage(info.message);
    }
    default:
      return translatableServerMessage(info.message);
  }
}
