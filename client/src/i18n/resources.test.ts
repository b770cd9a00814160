import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, tr } from './resources.ts';
import core from './en.json';
import calendarArea from './areas/calendar.en.json';
import settingsArea from './areas/settings.en.json';
import adminArea from './areas/admin.en.json';
import remindersArea from './areas/reminders.en.json';
import healthArea from './areas/health.en.json';
import auditArea from './areas/audit.en.json';
import playbooksArea from './areas/playbooks.en.json';
import googleArea from './areas/google.en.json';
import jobsArea from './areas/jobs.en.json';
import supportArea from './areas/support.en.json';
import incidentsArea from './areas/incidents.en.json';

function flatten(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, String(value));
  }
  return out;
}

const enKeys = flatten(en);
const trKeys = flatten(tr);
/** `t('users.count', { count })` resolves to users.count_one / users.count_other. */
const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_other`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('area files own distinct top-level keys (a shared key would silently overwrite)', () => {
    const owners = [core, calendarArea, settingsArea, adminArea, remindersArea, healthArea, auditArea, playbooksArea, googleArea, jobsArea, supportArea, incidentsArea].flatMap((file) => Object.keys(file));
    expect(owners.length).toBe(new Set(owners).size);
  });

  it('Turkish has exactly the English keys', () => {
    expect([...trKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const [key, text] of enKeys) expect(vars(trKeys.get(key) ?? ''), key).toEqual(vars(text));
  });

  it('is actually translated, not copied', () => {
    const same = [...enKeys].filter(([key, text]) => trKeys.get(key) === text && /[a-z]{4,}/.test(text));
    // Brand and language names, and header names like Message-ID, stay as they are.
    expect(same.map(([key]) => key).filter((key) => !/^(app\.name|languages\.|users\.create\.namePlaceholder|errors\.verbatim|mailbox\.fields\.messageId)/.test(key))).toEqual([]);
  });

  it('has every literal key the code asks for', () => {
    const srcDir = join(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([\w.]+)'|i18nKey="([\w.]+)"|key: '([\w.]+)'/g)) {
        const key = match[1] ?? match[2] ?? match[3];
        if (key && key.includes('.') && !has(enKeys, key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
