// Before/after of an audit row as the page shows it: only the fields that changed, so a role
// change reads "role: USER → ADMIN", not two copies of the whole user.
export type FieldChange = { field: string; before: string | null; after: string | null };

const show = (value: unknown): string | null => (value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));

export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(before) && !isObject(after)) {
    return show(before ?? undefined) === show(after ?? undefined) ? [] : [{ field: '', before: show(before ?? undefined), after: show(after ?? undefined) }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
    .filter((c) => c.before !== c.after);
}
