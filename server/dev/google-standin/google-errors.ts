// Error bodies shaped like Google's. The Calendar API answers
// {"error":{"code","message","errors":[{domain,reason,message,...}],"status"}}; the OAuth
// endpoints answer {"error": "invalid_grant", "error_description": "..."}.

const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const USAGE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
]);

const DEFAULT_REASON: Record<number, string> = {
  400: 'invalid',
  401: 'authError',
  403: 'rateLimitExceeded',
  404: 'notFound',
  409: 'duplicate',
  410: 'deleted',
  412: 'conditionNotMet',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

const REASON_MESSAGE: Record<string, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  quotaExceeded: 'Calendar usage limits exceeded.',
  dailyLimitExceeded: 'Daily Limit Exceeded',
  backendError: 'Backend Error',
  notFound: 'Not Found',
  duplicate: 'The requested identifier already exists.',
  deleted: 'Resource has been deleted',
  conditionNotMet: 'Precondition Failed',
  fullSyncRequired: 'Sync token is no longer valid, a full sync is required.',
  authError: 'Invalid Credentials',
  invalid: 'Invalid Value',
  required: 'Required',
  forbidden: 'Forbidden',
};

export type CalendarErrorDetail = { location?: string; locationType?: 'header' | 'parameter' };

export class CalendarApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message?: string,
    readonly detail: CalendarErrorDetail = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? REASON_MESSAGE[reason] ?? `HTTP ${status}`);
  }
}

export function defaultReason(status: number): string {
  return DEFAULT_REASON[status] ?? (status >= 500 ? 'backendError' : 'invalid');
}

export function calendarErrorBody(status: number, reason: string, message?: string, detail: CalendarErrorDetail = {}) {
  const text = message ?? REASON_MESSAGE[reason] ?? `HTTP ${status}`;
  const domain = USAGE_LIMIT_REASONS.has(reason) ? 'usageLimits' : reason === 'fullSyncRequired' ? 'calendar' : 'global';
  const rpcStatus = RPC_STATUS[status];
  return {
    error: {
      code: status,
      message: text,
      errors: [{ domain, reason, message: text, ...detail }],
      // Google's 410 from the Calendar API carries no canonical status; the others do.
      ...(rpcStatus ? { status: rpcStatus } : {}),
    },
  };
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description?: string,
  ) {
    super(description ?? code);
  }
}

export function oauthErrorBody(code: string, description?: string) {
  return description ? { error: code, error_description: description } : { error: code };
}
