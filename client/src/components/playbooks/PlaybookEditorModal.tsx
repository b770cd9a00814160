import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, ScrollArea, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ERROR_CLASSES, type TErrorClass } from '../../../../shared/integrations.ts';
import { DEFAULT_SECTION, PLAYBOOK_MAX_CHARS, playbookHeadings, type TPlaybook, type TPlaybookSections } from '../../../../shared/playbooks.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { useFieldError } from '../../lib/use-field-error.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { PlaybookMarkdown } from './PlaybookMarkdown.tsx';
import { useInvalidatePlaybook } from './use-invalidate-playbook.ts';

const TEMPLATE = '## Symptoms\n\n- [ ] \n\n## What to check\n\n- [ ] \n\n## Actions\n\n1. \n';

/** Markdown on the left, the rendered playbook on the right as it will read; each save is a new version. */
export function PlaybookEditorModal({ opened, onClose, playbook, providerName }: { opened: boolean; onClose: () => void; playbook: TPlaybook; providerName: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidatePlaybook();
  const [markdown, setMarkdown] = useState(playbook.markdown);
  const [sections, setSections] = useState<TPlaybookSections>(playbook.sections);
  const [note, setNote] = useState('');

  // Each opening starts from the version shown behind the dialog.
  useEffect(() => {
    if (!opened) return;
    setMarkdown(playbook.markdown || TEMPLATE);
    setSections(playbook.sections);
    setNote('');
  }, [opened]);

  const headings = useMemo(() => playbookHeadings(markdown), [markdown]);
  const options = headings.map((h) => ({ value: h.slug, label: `${h.depth === 3 ? '— ' : ''}${h.text}` }));
  const save = useMutation(
    trpc.playbooks.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (saved) => {
        notifySuccess(saved.version === playbook.version ? t('playbooks.editor.unchanged') : t('playbooks.editor.saved', { version: saved.version }));
        await invalidate();
        onClose();
      },
    }),
  );
  const failure = save.isError ? readTrpcError(save.error) : null;
  const errors = failure?.fieldErrors ?? {};
  const sectionError = (cls: TErrorClass) => errors[`sections.${cls}`]?.[0];

  return (
    <Modal opened={opened} onClose={onClose} title={t('playbooks.editor.title', { name: providerName })} size="95%" centered>
      <form
        noValidate
        data-testid="playbook-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ provider: playbook.provider, markdown, sections, note, expectedVersion: playbook.version });
        }}
      >
        <Stack gap="sm">
          {failure?.code === 'CONFLICT' ? (
            <Alert color="orange" variant="light" data-testid="playbook-conflict">
              {t('playbooks.editor.conflict')}
            </Alert>
          ) : failure && !Object.keys(errors).length ? (
            <ErrorAlert error={save.error} title={null} />
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Textarea
              label={t('playbooks.editor.markdown')}
              description={t('playbooks.editor.markdownHelp')}
              value={markdown}
              onChange={(e) => setMarkdown(e.currentTarget.value)}
              autosize
              minRows={18}
              maxRows={28}
              maxLength={PLAYBOOK_MAX_CHARS}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              error={fieldError(errors.markdown?.[0])}
              data-testid="playbook-source"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('playbooks.editor.preview')}
              </Text>
              <ScrollArea.Autosize mah={560} type="auto" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }} p="sm">
                <PlaybookMarkdown markdown={markdown} interactive={false} testId="playbook-preview" />
              </ScrollArea.Autosize>
            </Stack>
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('playbooks.editor.sections')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('playbooks.editor.sectionsHelp')}
            </Text>
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
              {ERROR_CLASSES.map((cls) => (
                <Select
                  key={cls}
                  size="xs"
                  label={t(`health.errorClass.${cls}`, { defaultValue: cls })}
                  data={options}
                  value={sections[cls] && options.some((o) => o.value === sections[cls]) ? sections[cls] : null}
                  placeholder={options.some((o) => o.value === DEFAULT_SECTION) ? t('playbooks.editor.defaultSection') : t('playbooks.editor.noSection')}
                  onChange={(value) => setSections((prev) => ({ ...prev, [cls]: value ?? undefined }))}
                  clearable
                  allowDeselect
                  comboboxProps={{ withinPortal: true }}
                  error={fieldError(sectionError(cls))}
                  data-testid={`playbook-section-${cls}`}
                />
              ))}
            </SimpleGrid>
          </Stack>
          <TextInput label={t('playbooks.editor.note')} placeholder={t('playbooks.editor.notePlaceholder')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={300} error={fieldError(errors.note?.[0])} data-testid="playbook-note" />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('playbooks.editor.chars', { count: markdown.length, max: PLAYBOOK_MAX_CHARS })}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="playbook-save">
                {t('playbooks.editor.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
