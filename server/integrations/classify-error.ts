// Every error lands in one class (issue 6), so charts and playbooks can say "rate limited"
// instead of "error". The caller's own errorClass wins; otherwise the provider's code is read:
// Google reasons, SMTP reply codes, HTTP statuses, Twilio/SendGrid/Mapbox codes, Node
// network errors. A NON_BLOCKING provider's failure is a soft failure whatever it was (IH-6).
import type { TErrorClass, TProviderTier } from '../../shared/integrations.ts';

const GOOGLE_REASONS: Record<string, TErrorClass> = {
  ratelimitexceeded: 'rate_limit',
  userratelimitexceeded: 'rate_limit',
  quotaexceeded: 'quota',
  dailylimitexceeded: 'quota',
  invalid_grant: 'auth',
  autherror: 'auth',
  unauthorized: 'auth',
  insufficientpermissions: 'auth',
  backenderror: 'provider_5xx',
  internalerror: 'provider_5xx',
  notfound: 'bad_request',
  invalid: 'bad_request',
  badrequest: 'bad_request',
  conditionnotmet: 'bad_request',
  gone: 'bad_request',
};

const TWILIO_CODES: Record<string, TErrorClass> = {
  '20003': 'auth',
  '20429': 'rate_limit',
  '20500': 'provider_5xx',
  '21211': 'bad_request',
  '21610': 'bad_request',
  '21614': 'bad_request',
  '30003': 'bad_request',
  '30005': 'bad_request',
  '30007': 'bad_request',
  '30008': 'provider_5xx',
};

const NETWORK_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNECTION', 'UND_ERR_CONNECT_TIMEOUT', 'ABORT_ERR']);
const OUR_BUG_CODES = new Set(['TypeError', 'ReferenceError', 'SyntaxError', 'RangeError', 'internal', 'INTERNAL', 'our_bug']);

function fromHttpStatus(status: number): TErrorClass | null {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  if (status === 408 || status === 504) return 'timeout_network';
  if (status >= 500 && status <= 599) return 'provider_5xx';
  if (status >= 400 && status <= 499) return 'bad_request';
  return null;
}

/** SMTP: 421/450/451/452 are temporary (capacity, greylisting), 535 is auth, other 5xx permanent. */
function fromSmtpReply(code: number): TErrorClass | null {
  if (code === 421 || code === 450 || code === 451) return 'rate_limit';
  if (code === 452 || code === 552) return 'quota';
  if (code === 530 || code === 535 || code === 534) return 'auth';
  if (code >= 500 && code <= 599) return 'bad_request';
  if (code >= 400 && code <= 499) return 'provider_5xx';
  return null;
}

export function classifyError(opts: {
  provider: string;
  tier: TProviderTier | undefined;
  errorClass?: TErrorClass;
  errorCode?: string;
  errorMessage?: string;
}): TErrorClass {
  if (opts.tier === 'NON_BLOCKING') return 'soft_fail';
  if (opts.errorClass) return opts.errorClass;
  const code = (opts.errorCode ?? '').trim();
  const lower = code.toLowerCase();

  if (GOOGLE_REASONS[lower]) return GOOGLE_REASONS[lower];
  if (NETWORK_CODES.has(code.toUpperCase())) return 'timeout_network';
  if (OUR_BUG_CODES.has(code)) return 'our_bug';
  if (opts.provider === 'twilio' && TWILIO_CODES[code]) return TWILIO_CODES[code];
  if (/^\d{3}$/.test(code)) {
    const n = Number(code);
    const byCode = opts.provider === 'smtp' ? fromSmtpReply(n) : fromHttpStatus(n);
    if (byCode) return byCode;
  }
  const message = (opts.errorMessage ?? '').toLowerCase();
  if (/timed? ?out|timeout|econnreset|econnrefused|socket hang up|network/.test(message)) return 'timeout_network';
  if (/rate.?limit|too many requests/.test(message)) return 'rate_limit';
  if (/quota|limit exceeded/.test(message)) return 'quota';
  if (/unauthori[sz]ed|forbidden|invalid[_ ]grant|expired token|authentication/.test(message)) return 'auth';
  if (/internal server error|bad gateway|service unavailable|\b5\d\d\b/.test(message)) return 'provider_5xx';
  // Without a recognisable code the provider rejected what we sent: treat it as our request's fault.
  return 'bad_request';
}
