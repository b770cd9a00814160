import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ZCreateUserInput, type TCreateUserInput } from '../../../../shared/users.ts';
import type { TRole } from '../../../../shared/roles.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { firstFieldErrors, useFieldError } from '../../lib/use-field-error.ts';
import { notifySuccess } from '../../lib/notify.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { roleOptions } from './role-options.ts';
import { useInvalidateUsers } from './use-invalidate-users.ts';

const EMPTY: TCreateUserInput = { name: '', email: '', role: 'USER', password: '' };

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invalidateUsers = useInvalidateUsers();
  const fieldError = useFieldError();

  const form = useForm<TCreateUserInput>({
    mode: 'uncontrolled',
    initialValues: EMPTY,
    validate: schemaResolver(ZCreateUserInput, { sync: true }),
  });

  const create = useMutation(
    trpc.users.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (user) => {
        notifySuccess(t('users.create.success', { name: user.name, email: user.email, role: t(`roles.${user.role}`) }));
        await invalidateUsers();
        close();
      },
      onError: (error) => {
        const info = readTrpcError(error);
        if (info.code === 'BAD_REQUEST' && hasFieldErrors(info)) form.setErrors(firstFieldErrors(info.fieldErrors));
        // The e-mail is taken: that belongs under the e-mail field, not in a toast.
        if (info.code === 'CONFLICT') form.setFieldError('email', info.message);
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

  return (
    <Modal opened={opened} onClose={close} title={t('users.create.title')} centered>
      <form noValidate data-testid="new-user-form" onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack gap="sm">
          {inlineFailure ? <ErrorAlert error={create.error} title={null} data-testid="new-user-error" /> : null}
          <TextInput
            label={t('users.create.name')}
            placeholder={t('users.create.namePlaceholder')}
            required
            data-autofocus
            autoComplete="off"
            data-testid="new-user-name"
            key={form.key('name')}
            {...form.getInputProps('name')}
            error={fieldError(form.errors.name)}
          />
          <TextInput
            label={t('users.create.email')}
            type="email"
            required
            autoComplete="off"
            data-testid="new-user-email"
            key={form.key('email')}
            {...form.getInputProps('email')}
            error={fieldError(form.errors.email)}
          />
          <Select
            label={t('users.create.role')}
            data={roleOptions(t)}
            allowDeselect={false}
            required
            data-testid="new-user-role"
            key={form.key('role')}
            {...form.getInputProps('role')}
            onChange={(value) => value && form.setFieldValue('role', value as TRole)}
            error={fieldError(form.errors.role)}
          />
          <PasswordInput
            label={t('users.create.password')}
            description={t('users.create.passwordHint')}
            required
            autoComplete="new-password"
            data-testid="new-user-password"
            key={form.key('password')}
            {...form.getInputProps('password')}
            error={fieldError(form.errors.password)}
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={close} disabled={create.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="new-user-submit">
              {t('users.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
