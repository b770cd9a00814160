// The page at /_standin/ a demo user changes events on "in Google": accounts, their events,
// a form per event for title and time, create and delete. Every edit is a Google-side change.
import { DateTime } from 'luxon';
import { ControlError, requireAccount } from './control-api.ts';
import { escapeHtml, redirect } from './http-utils.ts';
import { formFields, type RouteContext } from './route-context.ts';
import type { GoogleEvent, GoogleEventDateTime, GoogleStandin } from './types.ts';

function timeText(t: GoogleEventDateTime | undefined, zone: string): string {
  if (!t) return '';
  if (t.date) return t.date;
  return DateTime.fromISO(t.dateTime!, { setZone: true }).setZone(t.timeZone ?? zone).toFormat('yyyy-LL-dd HH:mm ZZZZ');
}

function inputValue(t: GoogleEventDateTime | undefined, zone: string): string {
  if (!t) return '';
  if (t.date) return t.date;
  return DateTime.fromISO(t.dateTime!, { setZone: true }).setZone(t.timeZone ?? zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

function fromInput(value: string, allDay: boolean, zone: string): GoogleEventDateTime {
  if (allDay) return { date: value };
  const parsed = DateTime.fromISO(value, { zone });
  if (!parsed.isValid) throw new ControlError(400, `Invalid time: ${value}`);
  return { dateTime: parsed.toISO({ suppressMilliseconds: true })!, timeZone: zone };
}

function eventRow(email: string, zone: string, e: GoogleEvent): string {
  const allDay = Boolean(e.start?.date);
  const type = allDay ? 'date' : 'datetime-local';
  const cancelled = e.status === 'cancelled';
  return `<tr class="${cancelled ? 'cancelled' : ''}" data-event-id="${escapeHtml(e.id)}">
<td><code>${escapeHtml(e.id)}</code><div class="meta">seq ${e.sequence} · etag ${escapeHtml(e.etag)} · ${escapeHtml(e.status)}</div></td>
<td>${cancelled ? escapeHtml(e.summary ?? '') : `<form method="post" action="/_standin/ui/event" class="edit">
<input type="hidden" name="email" value="${escapeHtml(email)}"><input type="hidden" name="id" value="${escapeHtml(e.id)}">
<input type="hidden" name="allDay" value="${allDay}">
<input name="summary" aria-label="Title" value="${escapeHtml(e.summary ?? '')}">
<input name="start" aria-label="Start" type="${type}" value="${escapeHtml(inputValue(e.start, zone))}">
<input name="end" aria-label="End" type="${type}" value="${escapeHtml(inputValue(e.end, zone))}">
<button type="submit">Save in Google</button></form>`}</td>
<td class="when">${escapeHtml(timeText(e.start, zone))} →<br>${escapeHtml(timeText(e.end, zone))}<div class="meta">updated ${escapeHtml(e.updated)}</div></td>
<td>${cancelled ? '' : `<form method="post" action="/_standin/ui/delete" onsubmit="return confirm('Delete this event in the stand-in? Watchers are notified.')">
<input type="hidden" name="email" value="${escapeHtml(email)}"><input type="hidden" name="id" value="${escapeHtml(e.id)}">
<button type="submit" class="danger">Delete</button></form>`}</td></tr>`;
}

export function controlPage(standin: GoogleStandin, showCancelled: boolean): string {
  const sections = standin.accounts().map((a) => {
    const events = standin.events(a.email, { includeCancelled: showCancelled });
    const channels = standin.channels(a.email);
    const now = DateTime.now().setZone(a.timeZone).startOf('hour').plus({ hours: 1 });
    return `<section id="${escapeHtml(a.email)}" data-account="${escapeHtml(a.email)}"><h2>${escapeHtml(a.name)} &lt;${escapeHtml(a.email)}&gt;</h2>
<div class="meta">sub ${escapeHtml(a.sub)} · zone ${escapeHtml(a.timeZone)} · ${channels.length} watch channel(s)${channels.map((c) => ` · ${escapeHtml(c.id)} → ${escapeHtml(c.address)} (expires ${new Date(c.expiration).toISOString()})`).join('')}</div>
<table><thead><tr><th>Event</th><th>Edit title and time</th><th>When</th><th></th></tr></thead><tbody>
${events.length === 0 ? '<tr><td colspan="4" class="empty">No events in this calendar.</td></tr>' : events.map((e) => eventRow(a.email, a.timeZone, e)).join('\n')}
</tbody></table>
<form method="post" action="/_standin/ui/event" class="new"><input type="hidden" name="email" value="${escapeHtml(a.email)}"><input type="hidden" name="allDay" value="false">
<input name="summary" aria-label="New event title" placeholder="New event title" required>
<input name="start" aria-label="New event start" type="datetime-local" value="${now.toFormat("yyyy-LL-dd'T'HH:mm")}" required>
<input name="end" aria-label="New event end" type="datetime-local" value="${now.plus({ hours: 1 }).toFormat("yyyy-LL-dd'T'HH:mm")}" required>
<button type="submit">Create in Google</button></form></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Google stand-in — opsdeck</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#1f1f1f;background:#fafafa}h1{font-weight:500;font-size:22px}h2{font-size:17px;margin:28px 0 4px}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:8px}th,td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:left;vertical-align:top;font-size:14px}
.meta{color:#666;font-size:12px}.when{white-space:nowrap;width:1%}.cancelled td{color:#999;text-decoration:line-through}.empty{color:#666;font-style:italic}
form.edit,form.new{display:flex;gap:6px;flex-wrap:wrap}form.new{margin-top:8px}input{font-size:14px;padding:4px 6px}
button{font-size:13px;padding:4px 10px;cursor:pointer}.danger{color:#b3261e}
</style></head><body><h1>Google stand-in — accounts and events</h1>
<p class="meta">Edits here are Google-side changes: they move the etag and sequence, show up in incremental syncs and push an <code>exists</code> notification to every watch channel. <a href="/_standin/?showCancelled=${showCancelled ? 'false' : 'true'}">${showCancelled ? 'Hide' : 'Show'} cancelled events</a></p>
${sections.length === 0 ? '<p class="empty">No accounts yet: connect from the product (the consent page creates the account) or POST /_standin/api/accounts.</p>' : sections.join('\n')}
<form method="post" action="/_standin/ui/account" class="new"><input name="email" type="email" aria-label="New account email" placeholder="someone@gmail.com" required><button type="submit">Add account</button></form>
</body></html>`;
}

export function controlForm(ctx: RouteContext, standin: GoogleStandin, action: string) {
  const f = formFields(ctx.body);
  if (action === 'account') {
    if (!f.email?.includes('@')) throw new ControlError(400, 'email is required');
    standin.addAccount({ email: f.email });
    return redirect(ctx.res, `/_standin/#${encodeURIComponent(f.email)}`, 303);
  }
  const account = requireAccount(standin, f.email);
  if (action === 'event') {
    const allDay = f.allDay === 'true';
    const change: Partial<GoogleEvent> & { id?: string } = { summary: f.summary ?? '' };
    if (f.id) change.id = f.id;
    if (f.start) change.start = fromInput(f.start, allDay, account.timeZone);
    if (f.end) change.end = fromInput(f.end, allDay, account.timeZone);
    standin.upsertEvent(account.email, change);
  } else if (action === 'delete') {
    if (!f.id || !standin.getEvent(account.email, f.id)) throw new ControlError(404, `No event ${f.id}`);
    standin.deleteEvent(account.email, f.id);
  } else {
    throw new ControlError(404, `No control route ${ctx.method} ${ctx.path}`);
  }
  redirect(ctx.res, `/_standin/#${encodeURIComponent(account.email)}`, 303);
}
