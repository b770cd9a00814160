import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';

/** Asks once before a destructive action and says what it will do. */
export function ConfirmModal(props: { opened: boolean; title: string; message: string; confirm: string; onConfirm: () => void; onClose: () => void; loading: boolean; error: unknown }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="sm">
        <Text size="sm">{props.message}</Text>
        {props.error ? <ErrorAlert error={props.error} title={null} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={props.onConfirm} loading={props.loading} data-testid="confirm-action">
            {props.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
