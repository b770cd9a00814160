// The first version of each provider's playbook (IH-5): from the integration-health runbook
// (§4 Incident Playbook, §5 Rekognition / AI flag, §6 secrets) and, for this product's own
// providers, from the calendar-operations runbook. English, with the runbook's Turkish terms
// where operators search for them. Inserted once per provider at boot (ensure-playbooks.ts);
// from then on admins own the text.
import type { TErrorClass } from '../../shared/integrations.ts';
import { playbookHeadings, type TPlaybookSections } from '../../shared/playbooks.ts';

type Checks = { credentials?: string[]; limits?: string[]; outage?: string[]; request?: string[]; soft?: string[] };
// `classes` moves an error class to another check where the provider means it differently
// (the ICS feed's 404 is a dead link, classified bad_request, but handled as a token problem).
type Seed = { symptoms: string[]; checks: Checks; actions: string[]; classes?: Partial<Record<TErrorClass, keyof Checks>> };

const HEADINGS = {
  credentials: 'Credentials and secrets',
  limits: 'Rate limits and quotas',
  outage: 'Provider outage or network',
  request: 'Our request or our code',
  soft: 'Soft failures (no flag produced)',
} as const;

/** Which check heading handles which error class (the provider page opens error groups there). */
const CLASS_TO_CHECK: Record<TErrorClass, keyof Checks> = {
  auth: 'credentials',
  quota: 'limits',
  rate_limit: 'limits',
  provider_5xx: 'outage',
  timeout_network: 'outage',
  bad_request: 'request',
  our_bug: 'request',
  soft_fail: 'soft',
};

const list = (items: string[]) => items.map((i) => `- [ ] ${i}`).join('\n');

function render(title: string, seed: Seed): { markdown: string; sections: TPlaybookSections } {
  // The panel's own title names the provider: the text starts with its sections.
  const parts = [`_${title}_`, '', '## Symptoms', '', list(seed.symptoms), '', '## What to check', ''];
  parts.push('- [ ] Admin → Integration health: this provider\'s error groups and the events around the spike (SAFE MODE: logs of real calls, no pings)', '');
  for (const key of Object.keys(HEADINGS) as (keyof Checks)[]) {
    const items = seed.checks[key];
    if (items?.length) parts.push(`### ${HEADINGS[key]}`, '', list(items), '');
  }
  parts.push('## Actions', '', seed.actions.map((a, i) => `${i + 1}. ${a}`).join('\n'), '');
  const markdown = parts.join('\n');
  const slugs = new Map(playbookHeadings(markdown).map((h) => [h.text, h.slug]));
  const sections: TPlaybookSections = {};
  for (const [cls, generic] of Object.entries(CLASS_TO_CHECK) as [TErrorClass, keyof Checks][]) {
    const check = seed.classes?.[cls] ?? generic;
    // A class whose check is not in this playbook falls back to "What to check" when read.
    const slug = seed.checks[check]?.length ? slugs.get(HEADINGS[check]) : undefined;
    if (slug) sections[cls] = slug;
  }
  return { markdown, sections };
}

const SECRETS = 'Secrets live in Infisical, never in the repository; rotate through Infisical → CI secrets update script. A leaked secret: rotate at once and audit (runbook §6).';

const AI_FLAG: Seed = {
  symptoms: [
    'Flag rate (flag oranı) rises or falls sharply',
    'Moderation calls fail: no flag is produced (soft-fail) — moment publish and proof submit must still go through',
    'More false positives reported by admins',
  ],
  checks: {
    soft: [
      'Soft-fail rate on the provider page: a failure here never blocks a user (IH-6), so it is never an outage',
      'User flows (moment publish / proof submit) are not blocked by the moderation step',
    ],
    credentials: ['Provider credentials in Infisical are valid and not rotated without a CI update'],
    limits: ['Provider quota or throttling on the moderation API'],
    outage: ['Provider status page and timeouts on the moderation calls'],
  },
  actions: [
    'If the flag rate went up: review the threshold/policy (threshold/policy gözden geçirilir)',
    'If false positives went up: tune from the admin decisions (admin kararları üzerinden tuning)',
    'AI never decides: keep failures soft (only the flag is missing), never block the flow',
    SECRETS,
  ],
};

const SEEDS: Record<string, { title: string; seed: Seed }> = {
  supabase: {
    title: 'Supabase (core)',
    seed: {
      symptoms: ['Auth problems (sign-in, session refresh)', 'RPC calls fail (RPC fail)', 'RLS denies (RLS deny) requests that used to pass', 'Storage uploads fail (storage upload fail)'],
      checks: {
        credentials: ['Service keys and JWT secret in Infisical match the project', 'RLS policies changed by the last migration (RLS deny looks like an auth error)'],
        limits: ['Supabase plan limits: connections, API requests, storage'],
        outage: ['Supabase dashboard logs and status', 'Database connection pool saturation'],
        request: ['The latest migrations (db-migrations workflow): what changed right before the spike', 'Storage bucket policies for the failing uploads'],
      },
      actions: [
        'Roll back the last migration deploy or ship a hotfix migration (son migration deploy’u geri al / hotfix migration)',
        'If an RLS policy regressed: roll the policy back',
        'If storage permissions fail: fix the bucket policy',
        SECRETS,
      ],
    },
  },
  mapbox: {
    title: 'Mapbox (very critical)',
    seed: {
      symptoms: ['City autocomplete returns no results (city autocomplete sonuç dönmüyor)', 'The map does not load (harita yüklenmiyor)'],
      checks: {
        credentials: ['Is the token env var set (token env var var mı?) in the app and the edge functions', 'Token scopes and URL restrictions'],
        limits: ['Autocomplete request volume: rate limit or monthly quota reached'],
        outage: ['Mobile logs + integration health log (mapbox) for timeouts', 'Mapbox status page'],
        request: ['Malformed queries (empty or too long search text) in the error groups'],
      },
      actions: [
        'Rotate the token/secret (Infisical / Vercel / GitHub Secrets)',
        'Rate limit: debounce/throttle autocomplete requests',
        'Fallback: manual city input in the UI (manuel city input)',
      ],
    },
  },
  paytr: {
    title: 'PayTR withdraw (cash-out)',
    seed: {
      symptoms: ['A withdrawal cannot be started (withdrawal başlatılamıyor)', 'Bank account verification errors (bank hesabı doğrulama hatası)'],
      checks: {
        credentials: ['PayTR merchant config and secrets (merchant id, key, salt)'],
        limits: ['PayTR request limits for the merchant'],
        outage: ['paytr-withdraw function logs for timeouts and 5xx'],
        request: ['paytr-withdraw function logs for the rejected request', 'Commission plan mapping (basic / premium / platinum)', 'The user’s wallet / coins_balance is consistent with the request'],
      },
      actions: ['Verify the PayTR config/secrets (PayTR config/secrets doğrula)', 'Confirm the commission plan mapping', 'Check the user’s wallet/coins_balance consistency'],
    },
  },
  idenfy: {
    title: 'iDenfy (KYC)',
    seed: {
      symptoms: ['A KYC token cannot be obtained (KYC token alınamıyor)', 'The webhook does not arrive (webhook gelmiyor)'],
      checks: {
        credentials: ['Provider credentials in Infisical', 'Webhook secret matches the one configured at iDenfy'],
        limits: ['iDenfy session quota'],
        outage: ['get-idenfy-token function logs', 'idenfy-webhook function logs'],
        request: ['Status update flow: webhook received but the user status did not change'],
      },
      actions: ['Verify the provider credentials (Infisical)', 'Verify the webhook secret', 'Check the status update flow'],
    },
  },
  twilio: {
    title: 'Twilio (SMS / OTP)',
    seed: {
      symptoms: ['SMS not delivered / rate limit (SMS gitmiyor)', 'Sending fails for some countries (ülke bazlı gönderim hatası)'],
      checks: {
        credentials: ['Twilio account SID / auth token (error 20003)'],
        limits: ['Rate limit hits (20429) and the guard middleware', 'Abuse: one user or number sending many OTPs'],
        outage: ['Twilio service logs and status (30008 unknown error)'],
        request: ['twilio-sms edge function logs: invalid numbers (21211), unsubscribed (21610), carrier blocks (30003–30007)', 'Country permissions for the failing destinations', 'Is there an E2E test for the OTP flow?'],
      },
      actions: ['Rate limit (guard middleware)', 'Block the user on abuse (abuse durumunda kullanıcı blokla)', 'Fallback: e-mail OTP through SendGrid'],
    },
  },
  sendgrid: {
    title: 'SendGrid (e-mail)',
    seed: {
      symptoms: ['Transactional e-mail cannot be sent (transactional email gönderilemiyor)', 'Bounce/complaint webhooks stop flowing (webhook bounce/complaint akmıyor)'],
      checks: {
        credentials: ['API key valid and with Mail Send permission', 'Webhook signature verification key'],
        limits: ['Daily sending quota and rate limit of the plan'],
        outage: ['sendgrid-email function logs', 'sendgrid-webhook logs'],
        request: ['Template ids exist and the dynamic data validates', 'Sender identity verified'],
      },
      actions: ['Verify the API key (API key doğrula)', 'Check the template id / validation', 'Verify the webhook signature'],
    },
  },
  sentry: {
    title: 'Sentry',
    seed: {
      symptoms: ['Error spike', 'Events missing (event kaybı)'],
      checks: {
        credentials: ['DSN configured in every app and environment'],
        limits: ['Sentry quota and rate limits (dropped events)'],
        outage: ['Sentry issue list and ingestion status'],
        request: ['PII scrubbing rules still apply to new events'],
      },
      actions: ['Check PII scrubbing (PII scrub kontrolü)', 'Check event volume: turn off noisy events (fazla event kapat)', 'Check the release tag is right (release tag doğruluğu)'],
    },
  },
  posthog: {
    title: 'PostHog',
    seed: {
      symptoms: ['Events missing (event kaybı)', 'Event volume spikes or drops after a release'],
      checks: {
        credentials: ['Project API key configured in every app and environment'],
        limits: ['Event volume against the plan: quota or ingestion limits'],
        outage: ['PostHog ingestion status and lag'],
        request: ['PII scrubbing of event properties'],
      },
      actions: ['Check PII scrubbing (PII scrub kontrolü)', 'Check event volume: turn off noisy events (fazla event kapat)', 'Check the release tag is right (release tag doğruluğu)'],
    },
  },
  aws_rekognition: { title: 'AWS Rekognition (AI flag, non-blocking)', seed: AI_FLAG },
  openai: { title: 'OpenAI moderation (AI flag, non-blocking)', seed: AI_FLAG },
  google_calendar: {
    title: 'Google Calendar sync',
    seed: {
      symptoms: ['Events created or changed here do not reach Google (push fails)', 'Changes in Google do not show up here (import stalls)', 'Accounts marked REAUTH_REQUIRED'],
      checks: {
        credentials: [
          'Account table: token status (ACTIVE / REAUTH_REQUIRED), expiry and the last refresh error',
          'invalid_grant on refresh: the user revoked access or the refresh token expired — only the user can fix it by signing in with Google again',
          'OAuth client id/secret unchanged in the secret store',
        ],
        limits: ['rateLimitExceeded / userRateLimitExceeded: pushes retry with backoff; check the retry counts', 'quotaExceeded / dailyLimitExceeded: the project’s daily quota in Google Cloud'],
        outage: ['backendError / 5xx from Google and network timeouts: retries should recover; check the recovered-retry share', '[sync] error lines in the central logs'],
        request: ['notFound / gone on import: a 410 means the sync token expired and a full resync runs', 'Events rejected as invalid (bad times or attendees) in the error groups'],
      },
      actions: [
        'REAUTH_REQUIRED: ask the user to reconnect Google (token refresh needs a new OAuth consent)',
        'Rate limits: let the backoff work; if it persists, lower push concurrency',
        'A stuck import: trigger a manual sync (/api/calendar/sync) and watch for 410 full resyncs',
      ],
    },
  },
  smtp: {
    title: 'SMTP (reminder e-mail)',
    seed: {
      symptoms: ['Reminder e-mails do not arrive', '[reminder] Failed to send reminder email in the logs (CAL-R5)', 'Deliveries stuck in RETRYING or FAILED'],
      checks: {
        credentials: ['SMTP_URL user and password (535 authentication failed)'],
        limits: ['421/450/451: the server is throttling or greylisting; retries with backoff should recover', '452/552: mailbox or sending quota'],
        outage: ['Connection refused or timeouts to the SMTP host (ECONNREFUSED, ETIMEDOUT)'],
        request: [
          'SMTP_FROM is set to an address with a display name (e.g. Legal CRM <no-reply@legalcrm.local>); without it servers answer 550',
          '550 / other 5xx replies fail at once (no retry): read the reply on the delivery row',
          'The event’s reminderMinutes, reminderSentAt and attendees (Prisma) for a user complaint',
        ],
      },
      actions: [
        'Fix SMTP_FROM or the credentials and restart; failed deliveries of a past window are not resent by themselves',
        'Run one scan by hand (npm run reminders:scan) and check MailHog (local) or the provider',
        'Throttling: lower the scan batch or spread CALENDAR_SYNC_POLL_INTERVAL_SEC (min 30 s)',
      ],
    },
  },
  ics_feed: {
    title: 'ICS feed',
    seed: {
      classes: { bad_request: 'credentials' },
      symptoms: ['Calendar apps stop updating a subscription', 'Many 404s on /api/calendar/ics/…: dead or revoked links still polled', '429s: one link polled too often'],
      checks: {
        credentials: [
          '403/404 on a link: the token is unknown or was revoked (DELETE /api/calendar/ics/token revokes all of a user’s links)',
          'ICS_SIGNING_SECRET unchanged: tokens from another environment never match',
        ],
        limits: ['429 with Retry-After: the per-token rate limit; the client polls too often'],
        outage: ['Feed render times and database reads during the spike'],
        request: ['The feed only has the events the owner may see (RBAC filter) in UTC'],
      },
      actions: [
        'On 403/404: renew the link — Settings → Calendar → create a new ICS link (the token is shown once) and re-subscribe the calendar app (token’ı yenileyin ve yeniden deneyin)',
        'Smoke test: subscribe in Apple Calendar (File → New Calendar Subscription…), Google (Other calendars → From URL) or Outlook (Add calendar → From internet)',
        'A burst of 404s from one app: ask the user to remove the old subscription',
      ],
    },
  },
};

export type PlaybookSeed = { provider: string; markdown: string; sections: TPlaybookSections };

export const PLAYBOOK_SEEDS: readonly PlaybookSeed[] = Object.entries(SEEDS).map(([provider, { title, seed }]) => ({ provider, ...render(title, seed) }));
