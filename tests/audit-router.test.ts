// audit.* through the real router: staff read every audited action with filters and paging;
// nothing in the product can change or remove a row.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { getDb } from '../server/db.ts';
import { appRouter } from '../server/trpc/routers/_app.ts';
import { callerFor, createTestUser } from './support/factories.ts';
import { codeOf } from './support/trpc-code.ts';

describe('[AUDIT] audit router', () => {
  it('shows a real change with who, what, target and before/after; support reads, users may not', async () => {
    const admin = await createTestUser({ role: 'ADMIN', name: 'Audit Admin' });
    const created = await (await callerFor(admin)).users.create({ email: `audited-${Date.now()}@test.opsdeck`, name: 'Audited', role: 'USER', password: 'correct horse battery staple' });

    const support = await callerFor(await createTestUser({ role: 'SUPPORT' }));
    const page = await support.audit.list({ targetId: created.id });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ action: 'user.create', targetType: 'User', targetId: created.id, actor: { id: admin.id, name: 'Audit Admin', email: admin.email } });
    expect(page.items[0]!.after).toMatchObject({ email: created.email, role: 'USER' });
    // A password never reaches the trail.
    expect(JSON.stringify(page.items[0])).not.toMatch(/password|correct horse/i);

    expect(await codeOf((await callerFor(await createTestUser())).audit.list({}))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(null)).audit.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf((await callerFor(await createTestUser())).audit.facets())).toBe('FORBIDDEN');
  });

  it('filters by action, target type, actor and time, newest first, paged by cursor', async () => {
    const actor = await createTestUser({ role: 'ADMIN', name: 'Zeynep Filter' });
    const other = await createTestUser({ role: 'ADMIN' });
    const targetId = `target-${Date.now()}`;
    const at = (minute: number) => new Date(Date.UTC(2031, 0, 1, 9, minute));
    await getDb().auditLog.createMany({
      data: [
        { actorId: actor.id, action: 'test.first', targetType: 'Thing', targetId, createdAt: at(1), after: { n: 1 } },
        { actorId: actor.id, action: 'test.second', targetType: 'Thing', targetId, createdAt: at(2), before: { n: 1 }, after: { n: 2 } },
        { actorId: other.id, action: 'test.second', targetType: 'Other', targetId, createdAt: at(3) },
        { actorId: null, action: 'test.system', targetType: 'Thing', targetId, createdAt: at(4) },
      ],
    });
    const caller = await callerFor(actor);
    const all = await caller.audit.list({ targetId });
    expect(all.items.map((e) => e.action)).toEqual(['test.system', 'test.second', 'test.second', 'test.first']);
    expect(all.items[0]!.actor).toBeNull();

    expect((await caller.audit.list({ targetId, action: 'test.second' })).items.map((e) => e.targetType)).toEqual(['Other', 'Thing']);
    expect((await caller.audit.list({ targetId, targetType: 'Thing', actor: 'zeynep FIL' })).items.map((e) => e.action)).toEqual(['test.second', 'test.first']);
    expect((await caller.audit.list({ targetId, from: at(2), to: at(4) })).items.map((e) => e.action)).toEqual(['test.second', 'test.second']);
    const second = (await caller.audit.list({ targetId, action: 'test.second', targetType: 'Thing' })).items[0]!;
    expect([second.before, second.after]).toEqual([{ n: 1 }, { n: 2 }]);

    const first = await caller.audit.list({ targetId, limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = await caller.audit.list({ targetId, limit: 3, cursor: first.nextCursor! });
    expect(rest.items.map((e) => e.action)).toEqual(['test.first']);
    expect(rest.nextCursor).toBeNull();

    const facets = await caller.audit.facets();
    expect(facets.actions).toEqual(expect.arrayContaining(['test.first', 'test.second', 'test.system']));
    expect(facets.targetTypes).toEqual(expect.arrayContaining(['Thing', 'Other']));
  });

  it('rejects a range that ends before it starts, naming the field', async () => {
    const caller = await callerFor(await createTestUser({ role: 'SUPPORT' }));
    const error = await caller.audit.list({ from: new Date('2031-01-02'), to: new Date('2031-01-01') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect(JSON.stringify((error as TRPCError).cause)).toContain('The end must be after the start');
  });

  it('has no procedure that edits or deletes a row', () => {
    const all = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const procedures = Object.keys(all).filter((p) => p.startsWith('audit.'));
    expect(procedures.sort()).toEqual(['audit.facets', 'audit.list']);
    for (const name of procedures) expect(all[name]!._def.type).toBe('query');
  });
});
