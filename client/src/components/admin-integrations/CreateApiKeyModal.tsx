import { useState } from 'react';
import { Button, Group, Modal, MultiSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZApiKeyCreateInput } from '../../../../shared/api-keys.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors } from '../../lib/use-field-error.ts';
import { AdminErrorAlert } from './AdminErrorAlert.tsx';
import { CreatedApiKeyView } from './CreatedApiKeyView.tsx';
import { curlExample, exampleEventFor } from './integration-format.ts';
import { providerOptionGroups, type CatalogProvider } from './provider-options.ts';
import { useAdminFieldError, useInvalidateApiKeys } from './use-admin-messages.ts';

/** The schema's own default, so the form and the server cannot drift apart. */
const DEFAULT_RATE_PER_MINUTE: number = ZApiKeyCreateInput.shape.ratePerMinute.parse(undefined);
const MAX_RATE_PER_MINUTE = 10_000_000;

type FormValues = { name: string; providers: string[]; ratePerMinute: number | string };
const EMPTY: FormValues = { name: '', providers: [], ratePerMinute: DEFAULT_RATE_PER_MINUTE };

function firstIssue(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error?.issues[0]?.message ?? null);
}

/** Name, scope and rate; then, once, the key itself. */
export function CreateApiKeyModal({
  opened,
  onClose,
  providers,
  providersLoading,
}: {
  opened: boolean;
  onClose: () => void;
  providers: readonly CatalogProvider[] | undefined;
  providersLoading: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateApiKeys = useInvalidateApiKeys();
  const fieldError = useAdminFieldError();
  // The secret lives only here, only until the modal closes.
  const [created, setCreated] = useState<{ name: string; secret: string; curl: string } | null>(null);

  // Controlled: the scope placeholder follows the picked providers.
  const form = useForm<FormValues>({
    initialValues: EMPTY,
    validate: {
      name: (value) => firstIssue(ZApiKeyCreateInput.shape.name, value),
      ratePerMinute: (value) => (typeof value === 'number' ? firstIssue(ZApiKeyCreateInput.shape.ratePerMinute, value) : 'Enter events per minute'),
    },
  });

  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async ({ apiKey, key }) => {
        const scoped = apiKey.providers[0];
        const example = exampleEventFor(scoped ? (providers?.find((p) => p.key === scoped) ?? { key: scoped, knownEvents: [] }) : undefined);
        setCreated({ name: apiKey.name, secret: key, curl: curlExample({ origin: window.location.origin, key, ...example }) });
        form.reset();
        await invalidateApiKeys();
      },
      onError: (error) => {
        const info = readTrpcError(error);
        if (info.code === 'BAD_REQUEST' && hasFieldErrors(info)) form.setErrors(firstFieldErrors(info.fieldErrors));
      },
    }),
  );

  const failure = create.isError ? readTrpcError(create.error) : null;
  const inlineFailure = failure && !(failure.code === 'BAD_REQUEST' && hasFieldErrors(failure));

  function close() {
    form.reset();
    create.reset();
    setCreated(null);
    onClose();
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('adminIntegrations.created.title', { name: created.name }) : t('adminIntegrations.create.title')}
      size={created ? 'xl' : 'lg'}
      centered
      // Once the key is on screen, only "Done" closes: a stray click must not lose it.
      closeOnClickOutside={!created}
      closeOnEscape={!created}
      withCloseButton={!created}
    >
      {created ? (
        <CreatedApiKeyView name={created.name} secret={created.secret} curl={created.curl} onDone={close} />
      ) : (
        <form
          noValidate
          data-testid="api-key-form"
          onSubmit={form.onSubmit((values) =>
            create.mutate({ name: values.name, providers: values.providers, ratePerMinute: Number(values.ratePerMinute) }),
          )}
        >
          <Stack gap="sm">
            {inlineFailure ? <AdminErrorAlert error={create.error} title={null} data-testid="api-key-create-error" /> : null}
            <TextInput
              label={t('adminIntegrations.create.name')}
              description={t('adminIntegrations.create.nameHint')}
              placeholder={t('adminIntegrations.create.namePlaceholder')}
              required
              maxLength={80}
              data-autofocus
              autoComplete="off"
              data-testid="api-key-name"
              {...form.getInputProps('name')}
              error={fieldError(form.errors.name)}
            />
            <MultiSelect
              label={t('adminIntegrations.create.providers')}
              description={t('adminIntegrations.create.providersHint')}
              placeholder={form.values.providers.length ? undefined : t('adminIntegrations.apiKeys.allProviders')}
              data={providers ? providerOptionGroups(providers, t) : []}
              searchable
              clearable
              hidePickedOptions
              nothingFoundMessage={providersLoading ? t('adminIntegrations.create.providersLoading') : t('adminIntegrations.create.noProviderMatch')}
              comboboxProps={{ withinPortal: true }}
              data-testid="api-key-providers"
              {...form.getInputProps('providers')}
              error={fieldError(form.errors.providers)}
            />
            <NumberInput
              label={t('adminIntegrations.create.rate')}
              description={t('adminIntegrations.create.rateHint')}
              required
              min={60}
              max={MAX_RATE_PER_MINUTE}
              step={1000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator
              rightSection={t('adminIntegrations.apiKeys.perMinute')}
              rightSectionWidth={64}
              data-testid="api-key-rate"
              {...form.getInputProps('ratePerMinute')}
              error={fieldError(form.errors.ratePerMinute)}
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close} disabled={create.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="api-key-create">
                {t('adminIntegrations.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
