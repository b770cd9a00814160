// The stand-in's own surface under /_standin/: the JSON control API and the demo page.
import { ControlError, controlApi } from './control-api.ts';
import { controlForm, controlPage } from './control-page.ts';
import { CalendarApiError } from './google-errors.ts';
import { escapeHtml, sendHtml, sendJson } from './http-utils.ts';
import type { RouteContext } from './route-context.ts';
import type { GoogleStandin } from './types.ts';

export const CONTROL_PREFIX = '/_standin/';

export async function routeControl(ctx: RouteContext, standin: GoogleStandin): Promise<boolean> {
  if (!ctx.path.startsWith(CONTROL_PREFIX) && ctx.path !== '/_standin') return false;
  const parts = ctx.path.slice(CONTROL_PREFIX.length).split('/').filter(Boolean);
  try {
    if (parts.length === 0 && ctx.method === 'GET') sendHtml(ctx.res, 200, controlPage(standin, ctx.query.showCancelled === 'true'));
    else if (parts[0] === 'api') await controlApi(ctx, standin, parts.slice(1));
    else if (parts[0] === 'ui' && parts.length === 2 && ctx.method === 'POST') controlForm(ctx, standin, parts[1]!);
    else throw new ControlError(404, `No control route ${ctx.method} ${ctx.path}`);
  } catch (error) {
    const fromPage = parts[0] === 'ui';
    if (fromPage && (error instanceof ControlError || error instanceof CalendarApiError)) {
      // A person pressed a button: answer with a page they can go back from, not JSON.
      sendHtml(ctx.res, error.status, `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not saved</title>
<body style="font-family:system-ui,sans-serif;margin:24px"><h1 style="font-size:20px">Not saved</h1><p>${escapeHtml(error.message)}</p>
<p><a href="/_standin/">Back to the stand-in</a></p></body></html>`);
    } else if (error instanceof ControlError) sendJson(ctx.res, error.status, { error: error.message });
    else if (error instanceof CalendarApiError) sendJson(ctx.res, error.status, { error: error.message, reason: error.reason });
    else throw error;
  }
  return true;
}
