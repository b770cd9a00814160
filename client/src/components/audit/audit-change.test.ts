import { describe, expect, it } from 'vitest';
import { changedFields } from './audit-change.ts';

describe('changedFields', () => {
  it('lists only what changed, sorted, with values as text', () => {
    expect(changedFields({ role: 'USER', name: 'Ada', tags: [1] }, { role: 'ADMIN', name: 'Ada', tags: [1, 2] })).toEqual([
      { field: 'role', before: 'USER', after: 'ADMIN' },
      { field: 'tags', before: '[1]', after: '[1,2]' },
    ]);
  });

  it('shows a creation as fields with no before, and a removal as fields with no after', () => {
    expect(changedFields(null, { email: 'a@example.com', disabled: false })).toEqual([
      { field: 'disabled', before: null, after: 'false' },
      { field: 'email', before: null, after: 'a@example.com' },
    ]);
    expect(changedFields({ name: 'x' }, null)).toEqual([{ field: 'name', before: 'x', after: null }]);
  });

  it('says nothing changed when nothing did, and handles plain values', () => {
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual([]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields(3, 4)).toEqual([{ field: '', before: '3', after: '4' }]);
  });
});
