import { createContext, use, useMemo } from 'react';
import { hashKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TSessionUser } from '../../../shared/auth.ts';
import { useTRPC } from '../lib/trpc.ts';
import { formattingLocale, toSupportedLanguage } from '../i18n/language.ts';
import { resolveTimeZone, type TimeContext } from '../lib/format-time.ts';

/** `auth.me`: who is signed in (null when nobody). Long-lived; mutations that change it write it directly. */
export function useSessionQuery() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.auth.me.queryOptions(),
    staleTime: 5 * 60_000,
    meta: { inlineErrors: true },
  });
}

/** Replace whoever was signed in: drop every cached answer of the previous user, keep only `me`. */
export function useSetSessionUser() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (user: TSessionUser | null) => {
    const meKey = trpc.auth.me.queryKey();
    const meHash = hashKey(meKey);
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
    queryClient.setQueryData(meKey, user);
  };
}

const SessionUserContext = createContext<TSessionUser | null>(null);
export const SessionUserProvider = SessionUserContext.Provider;

/** The signed-in user, for components rendered behind the route guard. */
export function useSessionUser(): TSessionUser {
  const user = use(SessionUserContext);
  if (!user) throw new Error('useSessionUser() used outside the signed-in area');
  return user;
}

/** Locale and time zone every date on screen is formatted with. */
export function useTimeContext(): TimeContext {
  const user = use(SessionUserContext);
  const { i18n } = useTranslation();
  const language = toSupportedLanguage(i18n.language) ?? 'en';
  return useMemo(
    () => ({ locale: formattingLocale(language, user?.locale), timeZone: resolveTimeZone(user?.timezone) }),
    [language, user?.locale, user?.timezone],
  );
}
