import { describe, expect, it } from 'vitest';
import { ZUserSettingsUpdateInput } from '../../../../shared/settings.ts';
import { ZIcsLinkCreateInput } from '../../../../shared/ics.ts';
import { settingsMessage } from './settings-messages.ts';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  if (result.success || !result.error) throw new Error('expected a validation error');
  return result.error.issues[0]!.message;
}

describe('settingsMessage', () => {
  it.each([
    [{ locale: 'de' }, 'settings.messages.locale', {}],
    [{ timezone: '' }, 'settings.messages.timezoneRequired', {}],
    [{ timezone: 'Mars/Base' }, 'settings.messages.timezoneUnknown', { zone: 'Mars/Base' }],
    [{ defaultReminderMinutes: 1.5 }, 'settings.messages.reminderWhole', {}],
    [{ defaultReminderMinutes: -1 }, 'settings.messages.reminderNegative', {}],
    [{ defaultReminderMinutes: 50_000 }, 'settings.messages.reminderMax', { max: '40320' }],
    [{ defaultReminderMinutes: 'soon' }, 'settings.messages.reminderRequired', {}],
  ])('maps the shared settings schema message for %j', (input, key, values) => {
    expect(settingsMessage(firstMessage(ZUserSettingsUpdateInput.safeParse(input)))).toEqual({ key, values });
  });

  it.each([
    [{ name: '  ' }, 'settings.messages.linkNameRequired', {}],
    [{ name: 'x'.repeat(61) }, 'settings.messages.tooLong', { max: '60' }],
  ])('maps the shared ICS link schema message for %j', (input, key, values) => {
    expect(settingsMessage(firstMessage(ZIcsLinkCreateInput.safeParse(input)))).toEqual({ key, values });
  });

  it('maps the too-many-links refusal from the server', () => {
    expect(
      settingsMessage('You already have 20 calendar links, the most allowed. Revoke one you no longer use first.'),
    ).toEqual({ key: 'settings.messages.tooManyLinks', values: { max: '20' } });
  });

  it('falls back to the app-wide table, then verbatim', () => {
    expect(settingsMessage('Sign in to continue')).toEqual({ key: 'serverMessages.signInToContinue', values: {} });
    expect(settingsMessage('Something new')).toEqual({ key: 'errors.verbatim', values: { message: 'Something new' } });
  });
});

describe('the keys this area maps to', () => {
  it('exist in both languages', async () => {
    const { en, tr } = await import('../../i18n/resources.ts');
    const samples = [
      'Choose English or Turkish',
      'Choose a time zone',
      'Unknown time zone "X", use an IANA name such as Europe/Istanbul',
      'Enter the reminder in minutes',
      'Use whole minutes',
      'The reminder cannot be negative',
      'The reminder can be at most 40320 minutes (4 weeks)',
      'Enter a name, e.g. iPhone',
      'Use at most 60 characters',
      'You already have 20 calendar links, the most allowed.',
    ];
    const lookup = (tree: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
    for (const sample of samples) {
      const { key } = settingsMessage(sample);
      expect(key, sample).toMatch(/^settings\.messages\./);
      expect(typeof lookup(en, key), key).toBe('string');
      expect(typeof lookup(tr, key), key).toBe('string');
    }
  });
});
