// The providers of IH-4 as data. Seeded into the Provider table by a migration-time seed
// and on start; admins add more in the console. Thresholds decide a provider's status from
// its error rate, and never from fewer than `minErrors` failures (no 1-of-1 = 100%).
import type { TProviderTier } from './integrations.ts';

export type ProviderThresholds = {
  /** Error rate (0..1) from which the provider is degraded. */
  degradedErrorRate: number;
  /** Error rate from which it is failing; NON_BLOCKING providers are never failing (IH-6). */
  failingErrorRate: number;
  /** Fewer failures than this in a window never change the status. */
  minErrors: number;
};

export type ProviderDefinition = {
  key: string;
  displayName: string;
  tier: TProviderTier;
  description: string;
  knownEvents: string[];
};

export const TIER_THRESHOLDS: Readonly<Record<TProviderTier, ProviderThresholds>> = {
  CORE: { degradedErrorRate: 0.01, failingErrorRate: 0.05, minErrors: 5 },
  CRITICAL: { degradedErrorRate: 0.02, failingErrorRate: 0.1, minErrors: 5 },
  STANDARD: { degradedErrorRate: 0.05, failingErrorRate: 0.2, minErrors: 10 },
  NON_BLOCKING: { degradedErrorRate: 0.1, failingErrorRate: 1.01, minErrors: 10 },
};

const p = (key: string, displayName: string, tier: TProviderTier, description: string, knownEvents: string[]): ProviderDefinition => ({
  key,
  displayName,
  tier,
  description,
  knownEvents,
});

export const PROVIDER_CATALOG: readonly ProviderDefinition[] = [
  p('supabase', 'Supabase', 'CORE', 'Database, auth and RPC of the mobile app', ['supabase_rpc_ok', 'supabase_auth_ok', 'supabase_error']),
  p('mapbox', 'Mapbox', 'CRITICAL', 'Address autocomplete, geocoding and maps', ['mapbox_geocode_ok', 'mapbox_autocomplete_ok', 'mapbox_map_loaded', 'mapbox_error']),
  p('paytr', 'PayTR', 'CRITICAL', 'Payments and withdrawals', ['paytr_payment_ok', 'paytr_withdraw_initiated', 'paytr_error']),
  p('idenfy', 'iDenfy', 'CRITICAL', 'Identity verification (KYC)', ['idenfy_session_created', 'idenfy_verification_completed', 'idenfy_error']),
  p('twilio', 'Twilio', 'CRITICAL', 'SMS and one-time passwords', ['twilio_sms_sent', 'twilio_otp_verified', 'twilio_error']),
  p('sendgrid', 'SendGrid', 'STANDARD', 'Transactional e-mail', ['sendgrid_email_sent', 'sendgrid_error']),
  p('posthog', 'PostHog', 'STANDARD', 'Product analytics', ['posthog_event_captured', 'posthog_error']),
  p('sentry', 'Sentry', 'STANDARD', 'Error reporting', ['sentry_event_sent', 'sentry_error']),
  p('openai', 'OpenAI', 'NON_BLOCKING', 'AI moderation and assistance; a failure never blocks a user (IH-6)', ['openai_moderation_ok', 'openai_completion_ok', 'openai_error']),
  p('cloudflare', 'Cloudflare', 'STANDARD', 'CDN, images and uploads', ['cloudflare_upload_ok', 'cloudflare_error']),
  p('vercel', 'Vercel', 'STANDARD', 'Web hosting and edge functions', ['vercel_function_ok', 'vercel_error']),
  p('expo_push', 'Expo Push', 'STANDARD', 'Push notifications through Expo', ['expo_push_sent', 'expo_push_error']),
  p('apple_push', 'Apple Push', 'STANDARD', 'APNs push notifications', ['apple_push_sent', 'apple_push_error']),
  p('google_push', 'Google Push', 'STANDARD', 'FCM push notifications', ['google_push_sent', 'google_push_error']),
  p('aws_rekognition', 'AWS Rekognition', 'NON_BLOCKING', 'Content moderation; a failure means no flag, never a blocked user (IH-6)', ['rekognition_moderation_ok', 'rekognition_error']),
  p('google_calendar', 'Google Calendar', 'CRITICAL', 'Two-way calendar sync (this product)', ['gcal_events_listed', 'gcal_event_upserted', 'gcal_event_deleted', 'gcal_token_refreshed', 'gcal_watch_renewed', 'gcal_error']),
  p('smtp', 'SMTP', 'CRITICAL', 'Reminder and alert e-mail (this product)', ['smtp_email_sent', 'smtp_alert_sent', 'smtp_error']),
  p('webhook', 'Webhooks', 'STANDARD', 'Incident notifications posted to webhooks (this product)', ['webhook_delivered', 'webhook_error']),
  p('ics_feed', 'ICS feed', 'STANDARD', 'Calendar subscriptions served to calendar apps (this product)', ['ics_feed_served', 'ics_feed_error']),
];
