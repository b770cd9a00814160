import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ParsedBody } from './http-utils.ts';

export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: Record<string, string>;
  body: ParsedBody;
};

/** Form fields from an urlencoded body, or the string fields of a JSON object body. */
export function formFields(body: ParsedBody): Record<string, string> {
  if (body.kind === 'form') return body.value;
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
    return Object.fromEntries(Object.entries(body.value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }
  return {};
}
