import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TCheckItem } from '../../../../shared/releases.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

type Values = { title: string; provider: string | null; successEvents: string[]; minSuccesses: number; subject: string };
const EMPTY: Values = { title: '', provider: null, successEvents: [], minSuccesses: 1, subject: '' };

/** Add a check, or edit one (item set): a provider and the success events that prove it works. */
export function CheckItemModal({ opened, onClose, item }: { opened: boolean; onClose: () => void; item: TCheckItem | null }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldError = useFieldError();
  const [values, setValues] = useState<Values>(EMPTY);
  const providers = useQuery({ ...trpc.integrations.providers.queryOptions(), staleTime: 5 * 60_000, enabled: opened });
  useEffect(() => {
    if (opened) setValues(item ? { ...item, subject: item.subject ?? '' } : EMPTY);
  }, [opened, item]);
  const setText = (k: 'title' | 'subject', value: string) => setValues((v) => ({ ...v, [k]: value }));
  const done = async () => {
    notifySuccess(t('releases.items.saved'));
    await queryClient.invalidateQueries({ queryKey: trpc.releases.pathKey() });
    onClose();
  };
  const create = useMutation(trpc.releases.createItem.mutationOptions({ meta: { inlineErrors: true }, onSuccess: done }));
  const update = useMutation(trpc.releases.updateItem.mutationOptions({ meta: { inlineErrors: true }, onSuccess: done }));
  const active = item ? update : create;
  const failure = active.isError ? readTrpcError(active.error) : null;
  const errors = failure?.fieldErrors ?? {};
  const eventsError = Object.entries(errors).find(([k]) => k === 'successEvents' || k.startsWith('successEvents.'))?.[1][0];
  const known = providers.data?.find((p) => p.key === values.provider)?.knownEvents ?? [];

  return (
    <Modal opened={opened} onClose={onClose} title={item ? t('releases.items.editTitle') : t('releases.items.addTitle')} centered>
      <form
        noValidate
        data-testid="check-item-form"
        onSubmit={(e) => {
          e.preventDefault();
          const input = { title: values.title, provider: values.provider ?? '', successEvents: values.successEvents, minSuccesses: values.minSuccesses, subject: values.subject || null };
          if (item) update.mutate({ ...input, id: item.id });
          else create.mutate(input);
        }}
      >
        <Stack gap="sm">
          {failure && !Object.keys(errors).length ? <ErrorAlert error={active.error} title={null} /> : null}
          <TextInput label={t('releases.items.title')} required value={values.title} onChange={(e) => setText('title', e.currentTarget.value)} error={fieldError(errors.title?.[0])} data-testid="check-item-title" />
          <Select
            label={t('releases.items.provider')}
            required
            searchable
            data={(providers.data ?? []).map((p) => ({ value: p.key, label: p.displayName }))}
            value={values.provider}
            onChange={(provider) => setValues((v) => ({ ...v, provider }))}
            error={fieldError(errors.provider?.[0])}
            data-testid="check-item-provider"
          />
          <TagsInput
            label={t('releases.items.successEvents')}
            description={t('releases.items.successEventsHelp')}
            data={known.filter((e) => !/error/.test(e))}
            value={values.successEvents}
            onChange={(successEvents) => setValues((v) => ({ ...v, successEvents }))}
            error={fieldError(eventsError)}
            data-testid="check-item-events"
          />
          <NumberInput label={t('releases.items.minSuccesses')} min={1} value={values.minSuccesses} onChange={(n) => setValues((v) => ({ ...v, minSuccesses: typeof n === 'number' ? n : 1 }))} error={fieldError(errors.minSuccesses?.[0])} />
          <TextInput label={t('releases.items.subject')} description={t('releases.items.subjectHelp')} value={values.subject} onChange={(e) => setText('subject', e.currentTarget.value)} error={fieldError(errors.subject?.[0])} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={active.isPending} data-testid="check-item-save">
              {t('releases.items.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
