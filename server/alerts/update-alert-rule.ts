// Admins tune one rule of one provider (or put it back to the tier's defaults); audited with
// the rule before and after, in the same transaction.
import { getDb, type Prisma } from '../db.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { TIER_RULE_DEFAULTS, ZAlertRuleUpdateInput, type TAlertRuleKind, type TAlertRuleUpdateInput } from '../../shared/alerts.ts';
import type { TProviderTier } from '../../shared/integrations.ts';
import { ensureAlertRules } from './ensure-alert-rules.ts';

type Actor = { actorId: string; requestId?: string };

async function writeRule(opts: Actor & { provider: string; kind: TAlertRuleKind; enabled: (tier: TProviderTier) => boolean; params: (tier: TProviderTier) => unknown; action: string }) {
  await ensureAlertRules();
  return getDb().$transaction(async (tx) => {
    const provider = await tx.provider.findUnique({ where: { key: opts.provider }, select: { tier: true } });
    if (!provider) throw new AppError('NOT_FOUND', `No provider "${opts.provider}"`);
    const before = await tx.alertRule.findUniqueOrThrow({ where: { provider_kind: { provider: opts.provider, kind: opts.kind } }, select: { id: true, enabled: true, params: true } });
    const after = await tx.alertRule.update({
      where: { id: before.id },
      data: { enabled: opts.enabled(provider.tier), params: opts.params(provider.tier) as Prisma.InputJsonValue },
      select: { id: true, enabled: true, params: true },
    });
    await recordAudit(
      {
        actorId: opts.actorId,
        action: opts.action,
        targetType: 'alert_rule',
        targetId: `${opts.provider}:${opts.kind}`,
        before: { enabled: before.enabled, params: before.params as Prisma.InputJsonValue },
        after: { enabled: after.enabled, params: after.params as Prisma.InputJsonValue },
        requestId: opts.requestId,
      },
      tx,
    );
    return { id: after.id };
  });
}

export async function updateAlertRule(opts: Actor & { input: TAlertRuleUpdateInput }) {
  const input = ZAlertRuleUpdateInput.parse(opts.input);
  return writeRule({ ...opts, provider: input.provider, kind: input.kind, enabled: () => input.enabled, params: () => input.params, action: 'alert_rule.update' });
}

export async function resetAlertRule(opts: Actor & { input: { provider: string; kind: TAlertRuleKind } }) {
  const { provider, kind } = opts.input;
  return writeRule({ ...opts, provider, kind, enabled: (tier) => TIER_RULE_DEFAULTS[tier].enabled[kind], params: (tier) => TIER_RULE_DEFAULTS[tier].params[kind], action: 'alert_rule.reset' });
}
