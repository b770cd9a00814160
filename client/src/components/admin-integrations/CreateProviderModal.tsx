import { Button, Group, Modal, Select, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZProviderCreateInput } from '../../../../shared/integration-health.ts';
import type { TProviderTier } from '../../../../shared/integrations.ts';
import { TIER_THRESHOLDS } from '../../../../shared/provider-catalog.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { TierBadge } from './TierBadge.tsx';
import { tierOptions } from './provider-options.ts';
import { useAdminFieldError, useInvalidateProviders } from './use-admin-messages.ts';
import { useThresholdText } from './use-threshold-text.ts';

type FormValues = { key: string; displayName: string; tier: TProviderTier; description: string; knownEvents: string[] };
const EMPTY: FormValues = { key: '', displayName: '', tier: 'STANDARD', description: '', knownEvents: [] };

/** Typing "Acme SMS" in the key box gives "acme_sms": the only shape the server takes. */
function normaliseKey(value: string): string {
  return value.toLowerCase().replace(/[\s-]+/g, '_');
}

export function CreateProviderModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateProviders = useInvalidateProviders();
  const fieldError = useAdminFieldError();
  const thresholdText = useThresholdText();

  const form = useForm<FormValues>({
    initialValues: EMPTY,
    validate: schemaResolver(ZProviderCreateInput, { sync: true }),
  });

  const create = useMutation(
    trpc.integrations.createProvider.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (provider) => {
        notifySuccess(t('adminIntegrations.addProvider.success', { name: provider.displayName, key: provider.key }));
        await invalidateProviders();
        close();
      },
      onError: (error) => {
        const info = readTrpcError(error);
        if ((info.code === 'BAD_REQUEST' || info.code === 'CONFLICT') && hasFieldErrors(info)) form.setErrors(firstFieldErrors(info.fieldErrors));
        else if (info.code === 'CONFLICT') form.setFieldError('key', info.message);
      },
    }),
  );

  const failure = create.isError ? readTrpcError(create.error) : null;
  const inlineFailure = failure && failure.code !== 'CONFLICT' && !(failure.code === 'BAD_REQUEST' && hasFieldErrors(failure));

  function close() {
    form.reset();
    create.reset();
    onClose();
  }

  // Item errors arrive as "knownEvents.2"; the field shows the first of them.
  const knownEventsError = Object.entries(form.errors).find(([path]) => path === 'knownEvents' || path.startsWith('knownEvents.'))?.[1];
  const tier = form.values.tier;

  return (
    <Modal opened={opened} onClose={close} title={t('adminIntegrations.addProvider.title')} size="lg" centered>
      <form noValidate data-testid="provider-form" onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="sm">
          {inlineFailure ? <AdminErrorAlert error={create.error} title={null} data-testid="provider-create-error" /> : null}
          <TextInput
            label={t('adminIntegrations.addProvider.displayName')}
            placeholder={t('adminIntegrations.addProvider.displayNamePlaceholder')}
            required
            maxLength={80}
            data-autofocus
            autoComplete="off"
            data-testid="provider-name"
            {...form.getInputProps('displayName')}
            error={fieldError(form.errors.displayName)}
          />
          <TextInput
            label={t('adminIntegrations.addProvider.key')}
            description={t('adminIntegrations.messages.providerKeyPattern')}
            placeholder="acme_sms"
            required
            maxLength={48}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="provider-key"
            {...form.getInputProps('key')}
            onChange={(event) => form.setFieldValue('key', normaliseKey(event.currentTarget.value))}
            error={fieldError(form.errors.key)}
          />
          <Select
            label={t('adminIntegrations.addProvider.tier')}
            data={tierOptions(t)}
            allowDeselect={false}
            required
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{option.label}</Text>
                <Text size="xs" c="dimmed">
                  {t(`adminIntegrations.tiers.${option.value as TProviderTier}.description`)}
                </Text>
              </Stack>
            )}
            data-testid="provider-tier"
            {...form.getInputProps('tier')}
            onChange={(value) => value && form.setFieldValue('tier', value as TProviderTier)}
            error={fieldError(form.errors.tier)}
          />
          <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="provider-tier-explanation">
            <TierBadge tier={tier} />
            <Stack gap={0}>
              <Text size="xs">{t(`adminIntegrations.tiers.${tier}.description`)}</Text>
              <Text size="xs" c="dimmed">
                {thresholdText(TIER_THRESHOLDS[tier])}
              </Text>
            </Stack>
          </Group>
          <Textarea
            label={t('adminIntegrations.addProvider.description')}
            placeholder={t('adminIntegrations.addProvider.descriptionPlaceholder')}
            autosize
            minRows={2}
            maxRows={4}
            maxLength={500}
            data-testid="provider-description"
            {...form.getInputProps('description')}
            error={fieldError(form.errors.description)}
          />
          <TagsInput
            label={t('adminIntegrations.addProvider.knownEvents')}
            description={t('adminIntegrations.addProvider.knownEventsHint')}
            placeholder={form.values.knownEvents.length ? undefined : 'acme_sms_sent, acme_sms_error'}
            clearable
            splitChars={[',', ' ']}
            maxTags={100}
            data-testid="provider-events-input"
            {...form.getInputProps('knownEvents')}
            onChange={(value) => {
              form.setErrors(Object.fromEntries(Object.entries(form.errors).filter(([path]) => !path.startsWith('knownEvents'))));
              form.setFieldValue('knownEvents', value.map((v) => v.trim().toLowerCase()).filter(Boolean));
            }}
            error={fieldError(knownEventsError)}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="provider-create">
              {t('adminIntegrations.addProvider.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
