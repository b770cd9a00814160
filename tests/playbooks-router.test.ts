// playbooks.* (IH-5): seeded content, roles, versioned and audited edits, restore, and the
// error-class -> section map the provider page opens error groups with.
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { ensurePlaybooks } from '../server/playbooks/ensure-playbooks.ts';
import { ERROR_CLASSES } from '../shared/integrations.ts';
import { playbookHeadings, sectionForClass, slugify } from '../shared/playbooks.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { fieldErrorsOf } from './support/field-errors.ts';

const SEEDED = ['supabase', 'mapbox', 'paytr', 'idenfy', 'twilio', 'sendgrid', 'sentry', 'posthog', 'aws_rekognition', 'google_calendar', 'smtp', 'ics_feed'];

async function callers() {
  const [admin, support, user] = await Promise.all([createTestUser({ role: 'ADMIN' }), createTestUser({ role: 'SUPPORT' }), createTestUser({ role: 'USER' })]);
  return { admin, asAdmin: await callerFor(admin), asSupport: await callerFor(support), asUser: await callerFor(user) };
}

const auditRows = (provider: string) =>
  getDb().auditLog.findMany({ where: { targetType: 'Playbook', targetId: provider }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, before: true, after: true } });

describe('[IH-5][PLAYBOOKS]', () => {
  it('seeds every runbook provider with symptoms, checks and actions, and a section for each error class', async () => {
    const { asSupport } = await callers();
    for (const provider of SEEDED) {
      const p = await asSupport.playbooks.get({ provider });
      expect(p.version, provider).toBe(1);
      const slugs = playbookHeadings(p.markdown).map((h) => h.slug);
      expect(slugs, provider).toEqual(expect.arrayContaining(['symptoms', 'what-to-check', 'actions']));
      expect(p.markdown, provider).toMatch(/- \[ \] /);
      for (const cls of ERROR_CLASSES) {
        const section = sectionForClass(p.sections, playbookHeadings(p.markdown), cls);
        expect(slugs, `${provider} ${cls}`).toContain(section);
      }
    }
    const smtp = await asSupport.playbooks.get({ provider: 'smtp' });
    expect(smtp.markdown).toContain('SMTP_FROM');
    expect(smtp.markdown).toContain('550');
    expect(sectionForClass(smtp.sections, playbookHeadings(smtp.markdown), 'bad_request')).toBe('our-request-or-our-code');
    const ics = await asSupport.playbooks.get({ provider: 'ics_feed' });
    expect(ics.markdown).toMatch(/403\/404[^\n]*renew the link/);
    // A dead link's 404 is classified bad_request; its group opens where the token checks are.
    expect(sectionForClass(ics.sections, playbookHeadings(ics.markdown), 'bad_request')).toBe('credentials-and-secrets');
    const google = await asSupport.playbooks.get({ provider: 'google_calendar' });
    expect(google.markdown).toContain('REAUTH_REQUIRED');
    expect(sectionForClass(google.sections, playbookHeadings(google.markdown), 'auth')).toBe('credentials-and-secrets');
    const rek = await asSupport.playbooks.get({ provider: 'aws_rekognition' });
    expect(sectionForClass(rek.sections, playbookHeadings(rek.markdown), 'soft_fail')).toBe('soft-failures-no-flag-produced');
    // A provider without runbook content answers an empty playbook, not an error.
    expect(await asSupport.playbooks.get({ provider: 'vercel' })).toMatchObject({ version: 0, markdown: '' });
    await expect(asSupport.playbooks.get({ provider: 'no_such_provider' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Seeding again changes nothing (boot runs it every start).
    expect(await ensurePlaybooks()).toBe(0);
  });

  it('users are FORBIDDEN; support reads but may not edit or restore', async () => {
    const { asSupport, asUser } = await callers();
    await expect(asUser.playbooks.get({ provider: 'mapbox' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asUser.playbooks.versions({ provider: 'mapbox' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asUser.playbooks.version({ provider: 'mapbox', version: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await asSupport.playbooks.versions({ provider: 'mapbox' })).length).toBeGreaterThanOrEqual(1);
    await expect(asSupport.playbooks.update({ provider: 'mapbox', markdown: '## Symptoms', expectedVersion: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asSupport.playbooks.restore({ provider: 'mapbox', version: 1, expectedVersion: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asUser.playbooks.update({ provider: 'mapbox', markdown: '## Symptoms', expectedVersion: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an admin edit writes a version and an audit row; a stale edit is a CONFLICT; restore writes a new version', async () => {
    const { admin, asAdmin, asSupport } = await callers();
    const seeded = await asAdmin.playbooks.get({ provider: 'twilio' });
    const markdown = `${seeded.markdown}\n## Escalation\n\n- [ ] Page the on-call (nöbetçi)\n`;
    const edited = await asAdmin.playbooks.update({ provider: 'twilio', markdown, sections: { ...seeded.sections, our_bug: 'escalation' }, note: 'Escalation step', expectedVersion: 1 });
    expect(edited).toMatchObject({ version: 2, markdown, updatedBy: admin.name });
    expect(edited.sections.our_bug).toBe('escalation');

    // The same save again is a no-op: no version, no audit row.
    await asAdmin.playbooks.update({ provider: 'twilio', markdown, sections: edited.sections, expectedVersion: 2 });
    // Someone else's editor still at version 1 loses nothing silently.
    await expect(asAdmin.playbooks.update({ provider: 'twilio', markdown: '## Symptoms\n', expectedVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });

    const versions = await asSupport.playbooks.versions({ provider: 'twilio' });
    expect(versions.map((v) => [v.version, v.note, v.author])).toEqual([
      [2, 'Escalation step', admin.name],
      [1, 'Seeded from the runbook', null],
    ]);
    expect((await asSupport.playbooks.version({ provider: 'twilio', version: 1 })).markdown).toBe(seeded.markdown);

    const restored = await asAdmin.playbooks.restore({ provider: 'twilio', version: 1, expectedVersion: 2 });
    expect(restored).toMatchObject({ version: 3, markdown: seeded.markdown, sections: seeded.sections });
    expect((await asSupport.playbooks.versions({ provider: 'twilio' }))[0]).toMatchObject({ version: 3, restoredFrom: 1, note: 'Restored version 1' });
    await expect(asAdmin.playbooks.restore({ provider: 'twilio', version: 99, expectedVersion: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const audit = await auditRows('twilio');
    expect(audit.map((a) => a.action)).toEqual(['playbook.update', 'playbook.restore']);
    expect(audit.every((a) => a.actorId === admin.id)).toBe(true);
    expect(audit[0]).toMatchObject({ before: { version: 1 }, after: { version: 2, note: 'Escalation step' } });
    expect(audit[1]).toMatchObject({ before: { version: 2 }, after: { version: 3, restoredFrom: 1 } });
  });

  it('a provider without a playbook gets its first version; bad input answers field errors', async () => {
    const { asAdmin } = await callers();
    const first = await asAdmin.playbooks.update({ provider: 'vercel', markdown: '## Symptoms\n\n- [ ] Deploys fail\n\n## What to check\n\n## Actions\n', expectedVersion: 0 });
    expect(first.version).toBe(1);
    expect(await fieldErrorsOf(asAdmin.playbooks.update({ provider: 'vercel', markdown: '   ', expectedVersion: 1 }))).toHaveProperty('markdown');
    expect(await fieldErrorsOf(asAdmin.playbooks.update({ provider: 'vercel', markdown: 'x'.repeat(50_001), expectedVersion: 1 }))).toHaveProperty('markdown');
    const missing = await fieldErrorsOf(asAdmin.playbooks.update({ provider: 'vercel', markdown: '## Symptoms\n', sections: { auth: 'credentials' }, expectedVersion: 1 }));
    expect(missing['sections.auth']?.[0]).toMatch(/No section "credentials"/);
    expect(await fieldErrorsOf(asAdmin.playbooks.update({ provider: 'vercel', markdown: '## A', sections: { nonsense: 'a' } as never, expectedVersion: 1 }))).toHaveProperty('sections');
    await expect(asAdmin.playbooks.update({ provider: 'no_such_provider', markdown: '## A', expectedVersion: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await auditRows('vercel')).length).toBe(1);
  });
});

describe('[IH-5][PLAYBOOKS] headings', () => {
  it('slugs fold Turkish letters, skip code fences and number repeats', () => {
    expect(slugify('Kontrol: Şifre ve Ğ ı İ')).toBe('kontrol-sifre-ve-g-i-i');
    const h = playbookHeadings('# Title\n## Symptoms\n```\n## not a heading\n```\n### Checks ##\n## Symptoms\n');
    expect(h).toEqual([
      { depth: 2, text: 'Symptoms', slug: 'symptoms', line: 2 },
      { depth: 3, text: 'Checks', slug: 'checks', line: 6 },
      { depth: 2, text: 'Symptoms', slug: 'symptoms-1', line: 7 },
    ]);
    expect(sectionForClass({ auth: 'gone' }, h, 'auth')).toBe('symptoms');
  });
});
