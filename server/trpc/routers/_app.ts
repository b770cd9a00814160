import { createCallerFactory, router } from '../init.ts';
import { apiKeysRouter } from './api-keys.ts';
import { auditRouter } from './audit.ts';
import { authRouter } from './auth.ts';
import { calendarEventsRouter } from './calendar-events.ts';
import { googleCalendarRouter } from './google-calendar.ts';
import { icsLinksRouter } from './ics-links.ts';
import { integrationsRouter } from './integrations.ts';
import { jobsRouter } from './jobs.ts';
import { mailboxRouter } from './mailbox.ts';
import { playbooksRouter } from './playbooks.ts';
import { releasesRouter } from './releases.ts';
import { remindersRouter } from './reminders.ts';
import { settingsRouter } from './settings.ts';
import { supportRouter } from './support.ts';
import { usersRouter } from './users.ts';
import { alertsRouter } from './alerts.ts';
import { incidentsRouter } from './incidents.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  icsLinks: icsLinksRouter,
  calendarEvents: calendarEventsRouter,
  settings: settingsRouter,
  apiKeys: apiKeysRouter,
  integrations: integrationsRouter,
  reminders: remindersRouter,
  mailbox: mailboxRouter,
  audit: auditRouter,
  playbooks: playbooksRouter,
  releases: releasesRouter,
  googleCalendar: googleCalendarRouter,
  jobs: jobsRouter,
  support: supportRouter,
  alerts: alertsRouter,
  incidents: incidentsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
