import { z } from 'zod';
import {
  ZAlertRuleResetInput,
  ZAlertRulesInput,
  ZAlertRulesOutput,
  ZAlertRuleUpdateInput,
  ZChannel,
  ZChannelCreateInput,
  ZChannelIdInput,
  ZChannelUpdateInput,
  ZIdOutput,
  ZMute,
  ZMuteCreateInput,
  ZMuteIdInput,
} from '../../../shared/alerts.ts';
import { listAlertRules } from '../../alerts/list-alert-rules.ts';
import { resetAlertRule, updateAlertRule } from '../../alerts/update-alert-rule.ts';
import { createChannel, deleteChannel, listChannels, updateChannel } from '../../alerts/manage-channels.ts';
import { createMute, endMute, listActiveMutes } from '../../alerts/manage-mutes.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

// Support reads the rules and mutes (why did this page or not?); admins change them. Channels
// are admins' alone: their list is where webhook credentials are managed.
export const alertsRouter = router({
  rules: staffProcedure.input(ZAlertRulesInput).output(ZAlertRulesOutput).query(({ input }) => listAlertRules(input)),
  updateRule: adminProcedure.input(ZAlertRuleUpdateInput).output(ZIdOutput).mutation(({ input, ctx }) => updateAlertRule({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  resetRule: adminProcedure.input(ZAlertRuleResetInput).output(ZIdOutput).mutation(({ input, ctx }) => resetAlertRule({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  channels: adminProcedure.output(z.array(ZChannel)).query(() => listChannels()),
  createChannel: adminProcedure.input(ZChannelCreateInput).output(ZChannel).mutation(({ input, ctx }) => createChannel({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  updateChannel: adminProcedure.input(ZChannelUpdateInput).output(ZChannel).mutation(({ input, ctx }) => updateChannel({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  deleteChannel: adminProcedure.input(ZChannelIdInput).output(ZIdOutput).mutation(({ input, ctx }) => deleteChannel({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  mutes: staffProcedure.output(z.array(ZMute)).query(() => listActiveMutes()),
  mute: adminProcedure.input(ZMuteCreateInput).output(ZMute).mutation(({ input, ctx }) => createMute({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
  unmute: adminProcedure.input(ZMuteIdInput).output(ZIdOutput).mutation(({ input, ctx }) => endMute({ input, actorId: ctx.user.id, requestId: ctx.requestId })),
});
