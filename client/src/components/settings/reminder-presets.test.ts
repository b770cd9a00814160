import { describe, expect, it } from 'vitest';
import { REMINDER_MINUTES_MAX, formatReminderDuration, reminderChoiceFor, reminderMinutesFor, reminderParts } from './reminder-presets.ts';

describe('reminderChoiceFor', () => {
  it.each([
    [null, 'none'],
    [5, '5'],
    [60, '60'],
    [1440, '1440'],
    [0, 'custom'],
    [45, 'custom'],
    [REMINDER_MINUTES_MAX, 'custom'],
  ] as const)('%s -> %s', (minutes, expected) => {
    expect(reminderChoiceFor(minutes)).toBe(expected);
  });
});

describe('reminderMinutesFor', () => {
  it('maps none and presets', () => {
    expect(reminderMinutesFor('none', 30)).toBeNull();
    expect(reminderMinutesFor('15', 999)).toBe(15);
  });

  it('takes the custom number, as typed or as a number', () => {
    expect(reminderMinutesFor('custom', 0)).toBe(0);
    expect(reminderMinutesFor('custom', '90')).toBe(90);
    // Out of range or fractional values pass through: the shared schema says what is wrong.
    expect(reminderMinutesFor('custom', 50_000)).toBe(50_000);
    expect(reminderMinutesFor('custom', 1.5)).toBe(1.5);
  });

  it('has nothing to save for an empty custom field', () => {
    expect(reminderMinutesFor('custom', '')).toBeUndefined();
    expect(reminderMinutesFor('custom', undefined)).toBeUndefined();
    expect(reminderMinutesFor('custom', 'abc')).toBeUndefined();
  });
});

describe('reminderParts', () => {
  it.each([
    [0, []],
    [5, [{ unit: 'minute', count: 5 }]],
    [60, [{ unit: 'hour', count: 1 }]],
    [90, [{ unit: 'hour', count: 1 }, { unit: 'minute', count: 30 }]],
    [1440, [{ unit: 'day', count: 1 }]],
    [1500, [{ unit: 'day', count: 1 }, { unit: 'hour', count: 1 }]],
    [10_080, [{ unit: 'week', count: 1 }]],
    [REMINDER_MINUTES_MAX, [{ unit: 'week', count: 4 }]],
    [10_141, [{ unit: 'week', count: 1 }, { unit: 'hour', count: 1 }, { unit: 'minute', count: 1 }]],
  ])('%i minutes', (minutes, expected) => {
    expect(reminderParts(minutes)).toEqual(expected);
  });
});

describe('formatReminderDuration', () => {
  const fake = (key: string, { count }: { count: number }) => `${count} ${key.split('.').pop()}${count === 1 ? '' : 's'}`;
  it.each([
    [0, ''],
    [5, '5 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [1440, '1 day'],
    [2 * 10_080 + 2 * 1440, '2 weeks 2 days'],
  ])('%i -> %j', (minutes, expected) => {
    expect(formatReminderDuration(minutes, fake)).toBe(expected);
  });

  it('reads naturally in both languages', async () => {
    const i18next = (await import('i18next')).default;
    const { en, tr } = await import('../../i18n/resources.ts');
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { en: { translation: en }, tr: { translation: tr } }, lng: 'en', interpolation: { escapeValue: false } });
    expect(formatReminderDuration(1500, i18n.getFixedT('en'))).toBe('1 day 1 hour');
    expect(formatReminderDuration(90, i18n.getFixedT('tr'))).toBe('1 saat 30 dakika');
  });
});
