// English texts the API-key and provider schemas (shared/api-keys.ts, shared/integrations.ts,
// shared/integration-health.ts) and their services send, mapped to this area's i18n keys.
// Anything else falls through to the app-wide table in lib/trpc-errors.ts.
import { translatableServerMessage, type Translatable } from '../../lib/trpc-errors.ts';

const ADMIN_MESSAGES: ReadonlyArray<[RegExp, string, (m: RegExpMatchArray) => Record<string, string>]> = [
  [/^Enter a name, e\.g\. mobile edge functions$/, 'adminIntegrations.messages.keyNameRequired', () => ({})],
  [/^At least (\d+) events per minute$/, 'adminIntegrations.messages.rateMin', (m) => ({ min: m[1] ?? '' })],
  [/^Enter events per minute$/, 'adminIntegrations.messages.rateRequired', () => ({})],
  [/^Too big: expected number to be <=(\d+)$/, 'adminIntegrations.messages.rateMax', (m) => ({ max: m[1] ?? '' })],
  [/^Unknown provider (.+)$/, 'adminIntegrations.messages.unknownProvider', (m) => ({ providers: m[1] ?? '' })],
  [/^No such API key$/, 'adminIntegrations.messages.noSuchKey', () => ({})],
  [/^Use lower-case letters, digits and _ \(2–48 characters\)/, 'adminIntegrations.messages.providerKeyPattern', () => ({})],
  [/^This key is taken$/, 'adminIntegrations.messages.providerKeyTaken', () => ({})],
  [/^A provider with key "(.+)" exists$/, 'adminIntegrations.messages.providerExists', (m) => ({ key: m[1] ?? '' })],
  [/^Enter a display name$/, 'adminIntegrations.messages.displayNameRequired', () => ({})],
  [/^Event names use lower-case letters, digits, _ and \.$/, 'adminIntegrations.messages.eventNamePattern', () => ({})],
];

export function translatableAdminMessage(message: string): Translatable {
  for (const [pattern, key, values] of ADMIN_MESSAGES) {
    const match = message.match(pattern);
    if (match) return { key, values: values(match) };
  }
  return translatableServerMessage(message);
}
