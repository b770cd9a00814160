import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, launchBrowser, screenshot, signedInContext } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Other specs share the demo users: everything this one creates carries a unique stamp,
// on a far-away date so that no other event and no reminder run gets in the way.
const stamp = Date.now().toString(36);
const TITLE = `Hearing ${stamp}`;
const RENAMED = `Hearing moved ${stamp}`;
const GUEST = `guest-${stamp}@example.com`;
const DAY = '2030-05-14'; // a Tuesday
/** 14:30 on the profile's clock (Europe/Istanbul), whatever the locale's style. */
const START_TIME = /14:30|2:30\s?PM/;
// Intl ranges drop a repeated AM/PM: "2:30 – 3:30 PM".
const TIME_RANGE = /(14:30|2:30(\s?PM)?)\s?[–-]\s?(15:30|3:30\s?PM)/;

/**
 * Signed in like signedInContext, but with the browser in a zone that is neither the user's
 * (Europe/Istanbul) nor UTC: the calendar must still show Istanbul wall-clock times.
 */
async function userInLosAngeles(b: Browser): Promise<BrowserContext> {
  const context = await b.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 860 }, timezoneId: 'America/Los_Angeles' });
  const res = await context.request.post('/api/trpc/auth.signIn', { data: { json: { email: 'user@opsdeck.local', password: demoPassword() } } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  return context;
}

const eventChip = (page: Page, title: string) => page.getByTestId('calendar-event').filter({ hasText: title });

async function pickOption(page: Page, testId: string, option: RegExp | string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) await page.getByTestId(testId).fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

describe('[CALENDAR][E2E]', () => {
  it('[CALENDAR][FORM]: a user creates an event with an attendee and a reminder, sees it at the right local time, edits it, and is told when the end is before the start', async () => {
    const context = await userInLosAngeles(browser);
    const page = await context.newPage();
    await page.goto(`/calendar?date=${DAY}`);
    await page.getByTestId('calendar-view').waitFor();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');

    await page.getByTestId('calendar-new-event').click();
    const form = page.getByTestId('event-form');
    await form.waitFor();
    await page.getByTestId('event-title').fill(TITLE);
    await page.getByTestId('event-start').fill(DAY);
    await page.getByTestId('event-start').press('Tab');
    await page.getByTestId('event-start-time').fill('14:30');
    await page.getByTestId('event-end').fill(DAY);
    await page.getByTestId('event-end').press('Tab');
    await page.getByTestId('event-end-time').fill('15:30');

    // Another zone for the event shows what that means on the user's own clock, then back.
    await pickOption(page, 'event-timezone', /America\/New York/, 'New York');
    await expect.poll(() => page.getByTestId('event-zone-hint').textContent()).toMatch(/^= (21:30|9:30)/);
    expect(await page.getByTestId('event-zone-hint').textContent()).toContain('Europe/Istanbul');
    await pickOption(page, 'event-timezone', /Europe\/Istanbul/, 'Istanbul');
    await expect.poll(() => page.getByTestId('event-zone-hint').count()).toBe(0);

    await page.getByTestId('event-location').fill('Istanbul Courthouse, room 4');
    await pickOption(page, 'event-reminder', '30 min before');
    await page.getByTestId('event-attendee-email').fill(GUEST);
    await page.getByTestId('event-attendee-name').fill('Gül Güneş');
    await page.getByTestId('event-attendee-add').click();
    await expect.poll(() => page.getByTestId('event-attendee-row').count()).toBe(1);
    expect(await page.getByTestId('event-attendee-row').textContent()).toContain(GUEST);
    await screenshot(page, 'event-form');

    await page.getByTestId('event-save').click();
    await form.waitFor({ state: 'detached' });

    // Month: on the 14th, at 14:30 Istanbul time although the browser is in Los Angeles.
    const chip = eventChip(page, TITLE);
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(START_TIME);
    const cell = page.locator('.rbc-month-row').filter({ has: chip });
    expect(await cell.locator('.rbc-date-cell').allTextContents()).toContain('14');
    await screenshot(page, 'calendar-month');

    // Agenda: the row shows the time range in the user's zone.
    await page.getByTestId('calendar-view-agenda').click();
    const agendaRow = page.locator('.rbc-agenda-table tr').filter({ has: eventChip(page, TITLE) });
    await agendaRow.waitFor();
    expect(await agendaRow.locator('.rbc-agenda-time-cell').textContent()).toMatch(TIME_RANGE);
    await screenshot(page, 'calendar-agenda');

    // Week: the event's label is its time range, and it sits in the 14:00 hour.
    await page.getByTestId('calendar-view-week').click();
    const weekEvent = page.locator('.rbc-event').filter({ has: eventChip(page, TITLE) });
    await weekEvent.waitFor();
    expect(await weekEvent.locator('.rbc-event-label').textContent()).toMatch(TIME_RANGE);
    const top = (await weekEvent.evaluate((el) => (el as HTMLElement).style.top)).replace('%', '');
    expect(Number(top)).toBeCloseTo((14.5 / 24) * 100, 0);
    await screenshot(page, 'calendar-week');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'calendar-week-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The detail: times, reminder, the attendee; then edit the title.
    await weekEvent.click();
    const detail = page.getByTestId('event-detail');
    await detail.getByTestId('event-detail-title').waitFor();
    expect(await detail.getByTestId('event-detail-title').textContent()).toBe(TITLE);
    expect(await detail.getByTestId('event-when').textContent()).toMatch(TIME_RANGE);
    expect(await detail.getByTestId('event-detail-reminder').textContent()).toBe('30 min before');
    expect(await detail.getByTestId('attendee-row').textContent()).toContain(GUEST);
    await screenshot(page, 'calendar-event-detail');
    await page.getByTestId('event-edit').click();
    await form.waitFor();
    expect(await page.getByTestId('event-title').inputValue()).toBe(TITLE);
    await page.getByTestId('event-title').fill(RENAMED);
    await page.getByTestId('event-save').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => detail.getByTestId('event-detail-title').textContent()).toBe(RENAMED);
    // Renaming keeps everything else: the attendee, the reminder.
    expect(await detail.getByTestId('attendee-row').textContent()).toContain(GUEST);
    expect(await detail.getByTestId('event-detail-reminder').textContent()).toBe('30 min before');
    await page.keyboard.press('Escape');
    await eventChip(page, RENAMED).waitFor();
    expect(await eventChip(page, TITLE).filter({ hasNotText: RENAMED }).count()).toBe(0);

    // An end before the start is refused in place, under the end field, and nothing is saved.
    await eventChip(page, RENAMED).click();
    await page.getByTestId('event-edit').click();
    await form.waitFor();
    await page.getByTestId('event-end-time').fill('13:00');
    await page.getByTestId('event-save').click();
    await expect.poll(() => form.textContent()).toContain('The end must be after the start.');
    expect(await page.getByTestId('event-end').getAttribute('aria-invalid')).toBe('true');
    // The form's own button: the event drawer behind it has "Cancel event", which a loose
    // name match also takes while the modal's focus trap has not yet hidden the drawer.
    await form.getByRole('button', { name: 'Cancel', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await context.close();
  });

  it('[CALENDAR][SUPPORT]: support finds the event by search; its detail shows the reminder, "not sent" and the attendee first, and survives a reload', async () => {
    const context = await signedInContext(browser, 'support@opsdeck.local');
    const page = await context.newPage();
    await page.goto('/events');
    await page.getByTestId('events-search').fill(stamp);
    const row = page.getByTestId('events-row').filter({ hasText: RENAMED });
    await row.waitFor();
    await expect.poll(() => page.getByTestId('events-row').count()).toBe(1);
    expect(await row.textContent()).toContain('30 min before');
    expect(await row.textContent()).toContain('Not sent');
    expect(await row.textContent()).toContain('Umut User');
    expect(new URL(page.url()).searchParams.get('q')).toBe(stamp);
    await screenshot(page, 'events-list');

    await row.click();
    await page.getByTestId('event-reminder-minutes').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/events\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('event-reminder-minutes').textContent()).toMatch(/30 min before.*\(30 minutes\)/);
    expect(await page.getByTestId('event-reminder-sent-at').textContent()).toMatch(/Not sent.*Pending/);
    const attendees = page.getByTestId('event-attendees');
    expect(await attendees.getByTestId('attendee-email').allTextContents()).toEqual([GUEST]);
    expect(await attendees.getByTestId('attendee-name').allTextContents()).toEqual(['Gül Güneş']);
    expect(await attendees.getByTestId('attendee-rsvp').textContent()).toBe('No answer');
    // Reminder and attendees come before the rest of the event.
    const [reminderBox, attendeesBox, restBox] = await Promise.all(
      ['event-reminder', 'event-attendees', 'event-detail-rest'].map((id) => page.getByTestId(id).boundingBox()),
    );
    expect(reminderBox!.y).toBeLessThan(attendeesBox!.y);
    expect(attendeesBox!.y).toBeLessThan(restBox!.y);
    expect(await page.getByTestId('event-detail-when').textContent()).toMatch(TIME_RANGE);
    expect(await page.getByTestId('event-detail-sequence').textContent()).toContain('1');
    await screenshot(page, 'event-detail');

    // A deep link works on reload, and the way back keeps the search.
    await page.reload();
    await page.getByTestId('event-reminder-minutes').waitFor();
    await page.getByTestId('event-detail-back').click();
    await page.getByTestId('events-row').filter({ hasText: RENAMED }).waitFor();
    expect(await page.getByTestId('events-search').inputValue()).toBe(stamp);

    // An unknown id is a calm "not found", not a crash.
    await page.goto('/events/00000000-0000-4000-8000-000000000000');
    await page.getByTestId('event-detail-missing').waitFor();
    await context.close();
  });

  it('[CALENDAR][DELETE]: the user cancels the event, it leaves the calendar, and support sees it as cancelled', async () => {
    const context = await userInLosAngeles(browser);
    const page = await context.newPage();
    await page.goto(`/calendar?date=${DAY}&view=agenda`);
    const chip = eventChip(page, RENAMED);
    await chip.waitFor();
    await chip.click();
    await page.getByTestId('event-delete').click();
    expect(await page.getByTestId('event-delete-modal').textContent()).toContain('1 attendee');
    await page.getByTestId('event-delete-confirm').click();
    await expect.poll(() => eventChip(page, RENAMED).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('event')).toBeNull();
    await context.close();

    const support = await signedInContext(browser, 'support@opsdeck.local');
    const list = await support.newPage();
    await list.goto(`/events?q=${stamp}`);
    await list.getByTestId('events-empty').waitFor();
    // The switch is driven by the URL, which React Router updates in a transition: click, then
    // wait for the state instead of asking Playwright's check() to see it change synchronously.
    const includeCancelled = list.getByTestId('events-include-cancelled');
    await includeCancelled.click({ force: true });
    await expect.poll(() => includeCancelled.isChecked()).toBe(true);
    expect(new URL(list.url()).searchParams.get('cancelled')).toBe('1');
    const row = list.getByTestId('events-row').filter({ hasText: RENAMED });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('cancelled');
    await support.close();
  });
});
