import {
  ZErrorGroupsInput,
  ZErrorGroupsOutput,
  ZEventSearchInput,
  ZEventSearchOutput,
  ZHealthWindow,
  ZProviderCatalogItem,
  ZProviderCreateInput,
  ZSummaryOutput,
  ZTimeseriesInput,
  ZTimeseriesOutput,
} from '../../../shared/integration-health.ts';
import { z } from 'zod';
import { summarizeProviders } from '../../integrations/summarize-providers.ts';
import { providerTimeseries } from '../../integrations/provider-timeseries.ts';
import { searchIntegrationEvents } from '../../integrations/search-integration-events.ts';
import { listErrorGroups } from '../../integrations/list-error-groups.ts';
import { createProvider, listProviders } from '../../integrations/manage-providers.ts';
import { adminProcedure, router, sharedAnswer, staffProcedure } from '../init.ts';

// Support reads integration events too (a user's recent errors); only admins change the catalog.
// The overview's two queries are the same for every staff caller: shared for a moment (init.ts).
export const integrationsRouter = router({
  summary: staffProcedure.use(sharedAnswer).input(ZHealthWindow).output(ZSummaryOutput).query(({ input }) => summarizeProviders(input)),
  timeseries: staffProcedure.use(sharedAnswer).input(ZTimeseriesInput).output(ZTimeseriesOutput).query(({ input }) => providerTimeseries(input)),
  events: staffProcedure.input(ZEventSearchInput).output(ZEventSearchOutput).query(({ input }) => searchIntegrationEvents(input)),
  errorGroups: staffProcedure.input(ZErrorGroupsInput).output(ZErrorGroupsOutput).query(({ input }) => listErrorGroups(input)),
  providers: staffProcedure.output(z.array(ZProviderCatalogItem)).query(() => listProviders()),
  createProvider: adminProcedure
    .input(ZProviderCreateInput)
    .output(ZProviderCatalogItem)
    .mutation(({ input, ctx }) => createProvider({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
});
