import { Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TMailSummary } from '../../../../shared/mailbox.ts';
import { RelativeTime } from '../common/RelativeTime.tsx';
import { recipientsLabel } from './mail-format.ts';
import classes from './mailbox.module.css';

export function MailList({ mails, selectedId, onSelect }: { mails: TMailSummary[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} role="listbox" aria-label={t('mailbox.title')} data-testid="mailbox-list">
      {mails.map((mail) => {
        const selected = mail.id === selectedId;
        return (
          <UnstyledButton
            key={mail.id}
            role="option"
            aria-selected={selected}
            className={classes.item}
            data-selected={selected || undefined}
            onClick={() => onSelect(mail.id)}
            data-testid="mailbox-item"
            data-mail-id={mail.id}
          >
            <Text size="sm" fw={600} lineClamp={1}>
              {mail.subject || t('mailbox.noSubject')}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {recipientsLabel(mail.to)}
            </Text>
            <Text size="xs" c="dimmed" component="div">
              <RelativeTime date={mail.receivedAt} />
            </Text>
          </UnstyledButton>
        );
      })}
    </Stack>
  );
}
