// Translations are split by area so that pages built side by side do not edit one file;
// each area file owns distinct top-level keys, merged here into one namespace.
import core_en from './en.json';
import core_tr from './tr.json';
import calendar_en from './areas/calendar.en.json';
import calendar_tr from './areas/calendar.tr.json';
import settings_en from './areas/settings.en.json';
import settings_tr from './areas/settings.tr.json';
import admin_en from './areas/admin.en.json';
import admin_tr from './areas/admin.tr.json';
import reminders_en from './areas/reminders.en.json';
import reminders_tr from './areas/reminders.tr.json';
import health_en from './areas/health.en.json';
import health_tr from './areas/health.tr.json';
import audit_en from './areas/audit.en.json';
import audit_tr from './areas/audit.tr.json';
import playbooks_en from './areas/playbooks.en.json';
import playbooks_tr from './areas/playbooks.tr.json';
import google_en from './areas/google.en.json';
import google_tr from './areas/google.tr.json';
import jobs_en from './areas/jobs.en.json';
import jobs_tr from './areas/jobs.tr.json';
import support_en from './areas/support.en.json';
import support_tr from './areas/support.tr.json';
import incidents_en from './areas/incidents.en.json';
import incidents_tr from './areas/incidents.tr.json';

export const en = { ...core_en, ...calendar_en, ...settings_en, ...admin_en, ...reminders_en, ...health_en, ...audit_en, ...playbooks_en, ...google_en, ...jobs_en, ...support_en, ...incidents_en };
export const tr = { ...core_tr, ...calendar_tr, ...settings_tr, ...admin_tr, ...reminders_tr, ...health_tr, ...audit_tr, ...playbooks_tr, ...google_tr, ...jobs_tr, ...support_tr, ...incidents_tr };
