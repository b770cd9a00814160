import { useState } from 'react';
import { Button, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ICS_FEED_MODES,
  ICS_LINK_NAME_MAX,
  ZIcsLinkCreateInput,
  type TIcsFeedMode,
  type TIcsLinkCreateOutput,
} from '../../../../shared/ics.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors } from '../../lib/use-field-error.ts';
import { SettingsErrorAlert } from './SettingsErrorAlert.tsx';
import { IcsLinkCreated } from './IcsLinkCreated.tsx';
import { MODE_COLOR } from './IcsModeBadge.tsx';
import { useInvalidateIcsLinks } from './use-invalidate-ics-links.ts';
import { useSettingsFieldError } from './use-settings-field-error.ts';

type Values = { name: string; mode: TIcsFeedMode };
const EMPTY: Values = { name: '', mode: 'FULL' };

/**
 * Name and mode, then the URL, once. The URL lives only in this component's state: it is
 * dropped on close, and the mutation is not kept in the cache (gcTime 0).
 */
export function CreateIcsLinkModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateLinks = useInvalidateIcsLinks();
  const fieldError = useSettingsFieldError();
  const [created, setCreated] = useState<TIcsLinkCreateOutput | null>(null);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;

  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: EMPTY,
    validate: schemaResolver(ZIcsLinkCreateInput, { sync: true }),
  });

  const create = useMutation(
    trpc.icsLinks.create.mutationOptions({
      meta: { inlineErrors: true },
      gcTime: 0,
      onSuccess: async (result) => {
        setCreated(result);
        await invalidateLinks();
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
    onClose();
  }

  // Cleared once the modal has faded out, so it does not flash the empty form while closing.
  function clear() {
    setCreated(null);
    form.reset();
    create.reset();
  }
  // And in any case before it opens again: a URL never outlives the view it was shown in.
  const [wasOpened, setWasOpened] = useState(opened);
  if (opened !== wasOpened) {
    setWasOpened(opened);
    if (opened && created) clear();
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('settings.calendar.created.title', { name: created.link.name }) : t('settings.calendar.create.title')}
      size={created ? 'xl' : 'lg'}
      fullScreen={phone && created !== null}
      onExitTransitionEnd={clear}
      centered
      // After creation, a stray click outside must not throw away the only view of the URL.
      closeOnClickOutside={!created}
    >
      {created ? (
        <IcsLinkCreated url={created.url} onDone={close} />
      ) : (
        <form noValidate data-testid="ics-new-link-form" onSubmit={form.onSubmit((values) => create.mutate(values))}>
          <Stack gap="md">
            {inlineFailure ? <SettingsErrorAlert error={create.error} title={null} data-testid="ics-create-error" /> : null}
            <TextInput
              label={t('settings.calendar.create.name')}
              description={t('settings.calendar.create.nameDescription')}
              placeholder={t('settings.calendar.create.namePlaceholder')}
              required
              data-autofocus
              autoComplete="off"
              maxLength={ICS_LINK_NAME_MAX}
              data-testid="ics-link-name"
              key={form.key('name')}
              {...form.getInputProps('name')}
              error={fieldError(form.errors.name)}
            />
            <Radio.Group
              label={t('settings.calendar.create.mode')}
              data-testid="ics-link-mode"
              key={form.key('mode')}
              {...form.getInputProps('mode')}
              error={fieldError(form.errors.mode)}
            >
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" mt={6}>
                {ICS_FEED_MODES.map((mode) => {
                  const Icon = mode === 'FULL' ? IconEye : IconEyeOff;
                  return (
                    <Radio.Card key={mode} value={mode} p="sm" radius="md" data-testid={`ics-link-mode-${mode}`}>
                      <Group wrap="nowrap" align="flex-start" gap="sm">
                        <Radio.Indicator mt={2} />
                        <Stack gap={4}>
                          <Group gap={6} wrap="nowrap">
                            <Icon size={16} color={`var(--mantine-color-${MODE_COLOR[mode]}-filled)`} />
                            <Text size="sm" fw={600}>
                              {t(`settings.calendar.mode.${mode}`)}
                            </Text>
                          </Group>
                          <Text size="xs" c="dimmed">
                            {t(`settings.calendar.modeHint.${mode}`)}
                          </Text>
                        </Stack>
                      </Group>
                    </Radio.Card>
                  );
                })}
              </SimpleGrid>
            </Radio.Group>
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={close} disabled={create.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="ics-link-create">
                {t('settings.calendar.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
