import { useMemo, type ReactNode } from 'react';
import { Alert, Button, Code, Group, Paper, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TMailDetail } from '../../../../shared/mailbox.ts';
import { useTimeContext } from '../../app/session.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { readTrpcError } from '../../lib/trpc-errors.ts';
import { formatDateTime, formatExact } from '../../lib/format-time.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { formatBytes, sandboxedHtml } from './mail-format.ts';
import classes from './mailbox.module.css';

function Header({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }} component="div">
        {children}
      </Text>
    </Stack>
  );
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** One caught message: headers, then its HTML (sandboxed), text, attachments and source. */
export function MailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const mail = useQuery({ ...trpc.mailbox.get.queryOptions({ id }), staleTime: Infinity, meta: { inlineErrors: true } });
  if (mail.isPending) return <Skeleton height={360} />;
  if (mail.isError) {
    if (readTrpcError(mail.error).code === 'NOT_FOUND') {
      return (
        <Text c="dimmed" size="sm" data-testid="mailbox-gone">
          {t('mailbox.gone')}
        </Text>
      );
    }
    return <ErrorAlert error={mail.error} title={t('mailbox.messageError')} onRetry={() => void mail.refetch()} retrying={mail.isFetching} />;
  }
  return <MailBody mail={mail.data} />;
}

function MailBody({ mail }: { mail: TMailDetail }) {
  const { t } = useTranslation();
  const ctx = useTimeContext();
  const html = useMemo(() => (mail.html ? sandboxedHtml(mail.html) : null), [mail.html]);
  return (
    <Stack gap="sm" data-testid="mailbox-message" data-mail-id={mail.id}>
      <Title order={3} fz="lg" data-testid="mailbox-subject">
        {mail.subject || t('mailbox.noSubject')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        <Header label={t('mailbox.fields.from')}>{mail.from ?? mail.envelopeFrom}</Header>
        <Header label={t('mailbox.fields.to')}>{mail.headerTo ?? mail.to.join(', ')}</Header>
        <Header label={t('mailbox.fields.envelopeTo')}>
          <span data-testid="mailbox-envelope-to">{mail.to.join(', ')}</span>
        </Header>
        <Header label={t('mailbox.fields.date')}>
          <span title={formatExact(mail.receivedAt, ctx)}>{formatDateTime(mail.receivedAt, ctx)}</span>
        </Header>
        <Header label={t('mailbox.fields.messageId')}>
          <Code>{mail.messageId ?? '—'}</Code>
        </Header>
        <Header label={t('mailbox.fields.size')}>{formatBytes(mail.size, ctx.locale)}</Header>
      </SimpleGrid>
      <Tabs defaultValue={html ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html">{t('mailbox.tabs.html')}</Tabs.Tab>
          <Tabs.Tab value="text">{t('mailbox.tabs.text')}</Tabs.Tab>
          <Tabs.Tab value="attachments" data-testid="mailbox-tab-attachments">
            {t('mailbox.tabs.attachments', { count: mail.attachmentList.length })}
          </Tabs.Tab>
          <Tabs.Tab value="source">{t('mailbox.tabs.source')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          {html ? (
            // No allow-* flags: no scripts, no forms, no same-origin access to the console.
            <iframe className={classes.frame} sandbox="" srcDoc={html} title={t('mailbox.htmlFrame')} data-testid="mailbox-html" />
          ) : (
            <Text size="sm" c="dimmed">
              {t('mailbox.noHtml')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          {mail.text ? (
            <Code block className={classes.pre} data-testid="mailbox-text">
              {mail.text}
            </Code>
          ) : (
            <Text size="sm" c="dimmed">
              {t('mailbox.noText')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="sm">
          <Stack gap="sm">
            {mail.attachmentList.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('mailbox.noAttachments')}
              </Text>
            ) : null}
            {mail.attachmentList.map((a) => (
              <Paper key={a.index} withBorder p="sm" data-testid="mailbox-attachment">
                <Group justify="space-between" mb={a.text ? 'xs' : 0}>
                  <Text size="sm" fw={500}>
                    {a.filename ?? `attachment-${a.index + 1}`}{' '}
                    <Text span size="xs" c="dimmed">
                      {a.contentType} · {formatBytes(a.size, ctx.locale)}
                    </Text>
                  </Text>
                  {a.text !== null ? (
                    <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => download(a.filename ?? `attachment-${a.index + 1}`, a.contentType, a.text!)}>
                      {t('mailbox.download')}
                    </Button>
                  ) : null}
                </Group>
                {a.text !== null ? (
                  <Code block className={classes.pre}>
                    {a.text}
                  </Code>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('mailbox.binary')}
                  </Text>
                )}
              </Paper>
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="source" pt="sm">
          {mail.sourceTruncated ? (
            <Alert color="yellow" mb="xs">
              {t('mailbox.truncated')}
            </Alert>
          ) : null}
          <Code block className={classes.pre}>
            {mail.source}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
