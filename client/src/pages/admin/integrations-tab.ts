// The open tab lives in the URL (?tab=providers) so a link or a reload lands on it.
export const INTEGRATIONS_TABS = ['keys', 'providers'] as const;
export type IntegrationsTab = (typeof INTEGRATIONS_TABS)[number];

export function readIntegrationsTab(params: URLSearchParams): IntegrationsTab {
  const value = params.get('tab');
  return INTEGRATIONS_TABS.find((tab) => tab === value) ?? 'keys';
}

/** The default tab keeps the URL clean; other parameters are left alone. */
export function writeIntegrationsTab(params: URLSearchParams, tab: IntegrationsTab): URLSearchParams {
  const next = new URLSearchParams(params);
  if (tab === 'keys') next.delete('tab');
  else next.set('tab', tab);
  return next;
}
