import { describe, expect, it } from 'vitest';
import { ZApiKeyCreateInput } from '../../../../shared/api-keys.ts';
import { ZProviderCreateInput } from '../../../../shared/integration-health.ts';
import { translatableAdminMessage } from './admin-messages.ts';

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('translatableAdminMessage', () => {
  it('knows every message the shared schemas send for this page', () => {
    const messages = [
      ...issues(ZApiKeyCreateInput.safeParse({ name: ' ', ratePerMinute: 1 })),
      ...issues(ZProviderCreateInput.safeParse({ key: 'Bad Key', displayName: '', tier: 'CORE', knownEvents: ['Nope'] })),
    ];
    expect(messages.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) expect(translatableAdminMessage(message).key, message).toMatch(/^adminIntegrations\.messages\./);
  });

  it('keeps the values a sentence needs', () => {
    expect(translatableAdminMessage('At least 60 events per minute')).toEqual({ key: 'adminIntegrations.messages.rateMin', values: { min: '60' } });
    expect(translatableAdminMessage('A provider with key "acme_sms" exists')).toEqual({
      key: 'adminIntegrations.messages.providerExists',
      values: { key: 'acme_sms' },
    });
  });

  it('falls back to the app-wide table, then to the text itself', () => {
    expect(translatableAdminMessage('This needs the admin role').key).toBe('serverMessages.needsAdmin');
    expect(translatableAdminMessage('Something new')).toEqual({ key: 'errors.verbatim', values: { message: 'Something new' } });
  });
});
