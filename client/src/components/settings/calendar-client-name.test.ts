import { describe, expect, it } from 'vitest';
import { calendarClient } from './calendar-client-name.ts';

describe('calendarClient', () => {
  it.each([
    ['iOS/17.2 (21C62) dataaccessd/1.0', 'Apple Calendar'],
    ['macOS/14.2.1 (23C71) CalendarAgent/988', 'Apple Calendar'],
    ['Mac OS X/10.15.7 (19H2) CalendarAgent/954', 'Apple Calendar'],
    ['iCal/5.0.3 (1605.4) Mac OS X/10.7.5', 'Apple Calendar'],
    ['Google-Calendar-Importer', 'Google Calendar'],
    ['Mozilla/5.0 (compatible; Google-Calendar-Importer; +http://www.google.com/bot.html)', 'Google Calendar'],
    ['Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)', 'Outlook'],
    ['Microsoft.Exchange/15.20 (Windows NT 6.2; Win64; x64)', 'Outlook'],
    ['Outlook-iOS/723.4027091.prod.iphone (4.40.0)', 'Outlook'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0', 'Thunderbird'],
    ['ICSx5/2.2 (ical4j/3.2.14; okhttp/4.12.0) Android/14', 'ICSx⁵'],
    ['DAVx5/4.3.11-ose (2024/01/02; dav4jvm; okhttp/4.12.0) Android/14', 'DAVx⁵'],
    ['Fantastical for Mac/3.8.12', 'Fantastical'],
  ])('%s -> %s', (ua, name) => {
    expect(calendarClient(ua)).toEqual({ kind: 'app', name });
  });

  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36 Edg/140.0', 'Edge'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15', 'Safari'],
  ])('a browser: %s -> %s', (ua, name) => {
    expect(calendarClient(ua)).toEqual({ kind: 'browser', name });
  });

  it('names unknown clients by their first product token', () => {
    expect(calendarClient('curl/8.4.0')).toEqual({ kind: 'other', name: 'curl' });
    expect(calendarClient('python-requests/2.31.0')).toEqual({ kind: 'other', name: 'python-requests' });
    expect(calendarClient('(weird)')).toEqual({ kind: 'other', name: null });
  });

  it('is null when no client was recorded', () => {
    expect(calendarClient(null)).toBeNull();
    expect(calendarClient('  ')).toBeNull();
  });
});
