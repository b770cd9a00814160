// One table says which role may open which page: the navbar, the route guard and
// the post-sign-in redirect all read it, so they cannot disagree.
import type { TRole } from '../../../shared/roles.ts';

export type NavKey = 'health' | 'incidents' | 'releases' | 'events' | 'integrationEvents' | 'calendar' | 'support' | 'jobs' | 'mailbox' | 'audit' | 'users' | 'integrations' | 'settings';

/** Pages that exist only in some deployments (the Mailbox: only with the local mail catcher). */
export type NavFeature = 'mailCatcher';
export type NavFeatures = Partial<Record<NavFeature, boolean>>;

export type NavItem = {
  key: NavKey;
  path: string;
  roles: readonly TRole[];
  /** i18n key of the label */
  labelKey: `nav.${NavKey}`;
  testId: `nav-${NavKey}`;
  /** Listed only where the deployment has it; the page itself explains when it does not. */
  feature?: NavFeature;
};

const EVERYONE: readonly TRole[] = ['ADMIN', 'SUPPORT', 'USER'];
const STAFF: readonly TRole[] = ['ADMIN', 'SUPPORT'];
const ADMIN_ONLY: readonly TRole[] = ['ADMIN'];

function item(key: NavKey, path: string, roles: readonly TRole[], feature?: NavFeature): NavItem {
  return { key, path, roles, labelKey: `nav.${key}`, testId: `nav-${key}`, ...(feature ? { feature } : {}) };
}

/** In navbar order. */
export const NAV_ITEMS: readonly NavItem[] = [
  item('health', '/health', ADMIN_ONLY),
  // Support is on call with admins: they read and acknowledge incidents (issue 8).
  item('incidents', '/incidents', STAFF),
  // Under the health area; support reads releases and their checklists too (IH-8).
  item('releases', '/health/releases', STAFF),
  item('events', '/events', STAFF),
  item('integrationEvents', '/integration-events', STAFF),
  item('calendar', '/calendar', EVERYONE),
  item('support', '/support', STAFF),
  item('jobs', '/jobs', STAFF),
  item('mailbox', '/mailbox', STAFF, 'mailCatcher'),
  item('audit', '/audit', STAFF),
  item('users', '/admin/users', ADMIN_ONLY),
  item('integrations', '/admin/integrations', ADMIN_ONLY),
  item('settings', '/settings', EVERYONE),
];

export const ROLE_HOME: Readonly<Record<TRole, string>> = {
  ADMIN: '/health',
  SUPPORT: '/support',
  USER: '/calendar',
};

export const SIGN_IN_PATH = '/sign-in';

export function homePathForRole(role: TRole): string {
  return ROLE_HOME[role];
}

export function navItemsForRole(role: TRole, features: NavFeatures = {}): NavItem[] {
  return NAV_ITEMS.filter((nav) => nav.roles.includes(role) && (!nav.feature || features[nav.feature] === true));
}

function normalisePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** The nav item that owns a path (the page itself or anything below it), if any. */
export function findNavItem(pathname: string): NavItem | undefined {
  const path = normalisePath(pathname);
  // The longest match: /health/releases belongs to releases, not to health.
  return NAV_ITEMS.filter((nav) => path === nav.path || path.startsWith(`${nav.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}

/**
 * Whether a role may open a path. Paths no nav item owns are not restricted here:
 * they are either the role home redirect or a 404, and a 404 must not pretend to be a 403.
 */
export function canAccessPath(role: TRole, pathname: string): boolean {
  const nav = findNavItem(pathname);
  return nav ? nav.roles.includes(role) : true;
}

/** `/sign-in?next=/admin/users%3Fq%3Dada` for a guarded location the user was heading to. */
export function signInPathFor(target: string | null | undefined): string {
  if (!target || !isSafeInternalPath(target) || target === '/' || target.startsWith(SIGN_IN_PATH)) {
    return SIGN_IN_PATH;
  }
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}

/** Only same-origin absolute paths: `//evil.example` and `https://…` are open redirects. */
export function isSafeInternalPath(target: string): boolean {
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\');
}

/**
 * Where a freshly signed-in user lands: the page they were heading to when that is
 * a safe internal path their role may open, otherwise their role's home.
 */
export function postSignInPath(role: TRole, next: string | null | undefined): string {
  if (!next || !isSafeInternalPath(next)) return homePathForRole(role);
  const pathname = next.split(/[?#]/)[0] ?? next;
  if (pathname === '/' || pathname.startsWith(SIGN_IN_PATH)) return homePathForRole(role);
  return canAccessPath(role, pathname) ? next : homePathForRole(role);
}
