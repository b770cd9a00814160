import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconStack2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ZSignInInput, type TSignInInput } from '../../../../shared/auth.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { hasFieldErrors, readTrpcError } from '../../lib/trpc-errors.ts';
import { signInErrorMessage } from './sign-in-errors.ts';
import { firstFieldErrors, useFieldError } from '../../lib/use-field-error.ts';
import { postSignInPath } from '../../app/navigation.ts';
import { useSessionQuery, useSetSessionUser } from '../../app/session.tsx';
import { SESSION_ENDED_TOAST } from '../../app/query-client.ts';
import { FullPageLoader } from '../../components/common/FullPageLoader.tsx';
import { LanguageSwitch } from '../../components/common/LanguageSwitch.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const session = useSessionQuery();
  const setSessionUser = useSetSessionUser();
  const [searchParams] = useSearchParams();
  const fieldError = useFieldError();
  useDocumentTitle(`${t('auth.submit')} · opsdeck`);

  const form = useForm<TSignInInput>({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(ZSignInInput, { sync: true }),
    validateInputOnBlur: ['email'],
  });

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      meta: { authFlow: true, inlineErrors: true },
      // The guard below sees the user and redirects; no second navigation here.
      onSuccess: (user) => {
        notifications.hide(SESSION_ENDED_TOAST);
        setSessionUser(user);
      },
      onError: (error) => {
        const info = readTrpcError(error);
        if (info.code === 'BAD_REQUEST' && hasFieldErrors(info)) form.setErrors(firstFieldErrors(info.fieldErrors));
        // Never leave a refused password in the field.
        form.setFieldValue('password', '');
      },
    }),
  );

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to={postSignInPath(session.data.role, searchParams.get('next'))} replace />;

  const failure = signIn.isError ? readTrpcError(signIn.error) : null;
  // Field errors sit under their fields; everything else is one alert above the form.
  const alert = failure && !(failure.code === 'BAD_REQUEST' && hasFieldErrors(failure)) ? signInErrorMessage(signIn.error) : null;

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-body)">
      <Stack w="100%" maw={380} gap="md">
        <Group justify="space-between">
          <Group gap={6}>
            <IconStack2 size={22} color="var(--mantine-primary-color-filled)" />
            <Text fw={700} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="xs" p="lg" radius="md">
          <form
            noValidate
            data-testid="sign-in-form"
            onSubmit={form.onSubmit((values) => signIn.mutate(values))}
          >
            <Stack gap="sm">
              <div>
                <Title order={1} fz="h3">
                  {t('auth.title')}
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  {t('auth.subtitle')}
                </Text>
              </div>
              {alert ? (
                <Alert
                  color={failure?.code === 'TOO_MANY_REQUESTS' ? 'yellow' : 'red'}
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                  data-testid="sign-in-error"
                  role="alert"
                >
                  {t(alert.key, alert.values)}
                </Alert>
              ) : null}
              <TextInput
                label={t('auth.email')}
                placeholder={t('auth.emailPlaceholder')}
                type="email"
                autoComplete="username"
                autoFocus
                required
                data-testid="sign-in-email"
                key={form.key('email')}
                {...form.getInputProps('email')}
                error={fieldError(form.errors.email)}
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                required
                data-testid="sign-in-password"
                key={form.key('password')}
                {...form.getInputProps('password')}
                error={fieldError(form.errors.password)}
              />
              <Button type="submit" loading={signIn.isPending} fullWidth mt="xs" data-testid="sign-in-submit">
                {t('auth.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Center>
  );
}
