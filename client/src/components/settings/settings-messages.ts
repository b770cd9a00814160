// The shared settings and ICS schemas (and the ICS services) answer in English; these are the
// texts this area can meet, mapped to its own i18n keys so a Turkish user reads Turkish.
// Anything else goes to the app-wide table (lib/trpc-errors.ts), then verbatim.
import { describeError, hasFieldErrors, readTrpcError, translatableServerMessage, type Translatable } from '../../lib/trpc-errors.ts';

const MESSAGES: ReadonlyArray<[RegExp, string, (m: RegExpMatchArray) => Record<string, string>]> = [
  [/^Choose English or Turkish$/, 'settings.messages.locale', () => ({})],
  [/^Choose a time zone$/, 'settings.messages.timezoneRequired', () => ({})],
  [/^Unknown time zone "(.*)"/, 'settings.messages.timezoneUnknown', (m) => ({ zone: m[1] ?? '' })],
  [/^Enter the reminder in minutes$/, 'settings.messages.reminderRequired', () => ({})],
  [/^Use whole minutes$/, 'settings.messages.reminderWhole', () => ({})],
  [/^The reminder cannot be negative$/, 'settings.messages.reminderNegative', () => ({})],
  [/^The reminder can be at most (\d+) minutes/, 'settings.messages.reminderMax', (m) => ({ max: m[1] ?? '' })],
  [/^Enter a name, e\.g\. iPhone$/, 'settings.messages.linkNameRequired', () => ({})],
  [/^Use at most (\d+) characters$/, 'settings.messages.tooLong', (m) => ({ max: m[1] ?? '' })],
  [/^You already have (\d+) calendar links/, 'settings.messages.tooManyLinks', (m) => ({ max: m[1] ?? '' })],
];

export function settingsMessage(message: string): Translatable {
  for (const [pattern, key, values] of MESSAGES) {
    const match = message.match(pattern);
    if (match) return { key, values: values(match) };
  }
  return translatableServerMessage(message);
}

/** The sentence for an alert: like describeError, but knowing this area's validation texts. */
export function describeSettingsError(error: unknown): Translatable {
  const info = readTrpcError(error);
  if (info.code === 'BAD_REQUEST') {
    const first = info.formErrors[0] ?? (hasFieldErrors(info) ? undefined : info.message);
    if (first) return settingsMessage(first);
  }
  return describeError(error);
}
