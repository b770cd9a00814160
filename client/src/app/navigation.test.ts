import { describe, expect, it } from 'vitest';
import {
  canAccessPath,
  homePathForRole,
  isSafeInternalPath,
  navItemsForRole,
  postSignInPath,
  signInPathFor,
} from './navigation.ts';

describe('navItemsForRole', () => {
  it('gives admins every page, in navbar order', () => {
    expect(navItemsForRole('ADMIN').map((n) => n.testId)).toEqual([
      'nav-health',
      'nav-incidents',
      'nav-releases',
      'nav-events',
      'nav-integrationEvents',
      'nav-calendar',
      'nav-support',
      'nav-jobs',
      'nav-audit',
      'nav-users',
      'nav-integrations',
      'nav-settings',
    ]);
  });

  it('gives support everything but health, users and integrations (incidents and releases are theirs to read)', () => {
    expect(navItemsForRole('SUPPORT').map((n) => n.key)).toEqual(['incidents', 'releases', 'events', 'integrationEvents', 'calendar', 'support', 'jobs', 'audit', 'settings']);
  });

  it('gives support the releases under /health but not the rest of the health area', () => {
    expect(canAccessPath('SUPPORT', '/health/releases/abc')).toBe(true);
    expect(canAccessPath('SUPPORT', '/health/providers/mapbox')).toBe(false);
    expect(canAccessPath('USER', '/health/releases')).toBe(false);
  });

  it('gives users only calendar and settings', () => {
    expect(navItemsForRole('USER').map((n) => n.path)).toEqual(['/calendar', '/settings']);
  });

  it('lists the Mailbox for staff only where the local mail catcher runs', () => {
    expect(navItemsForRole('SUPPORT', { mailCatcher: true }).map((n) => n.key)).toEqual(['incidents', 'releases', 'events', 'integrationEvents', 'calendar', 'support', 'jobs', 'mailbox', 'audit', 'settings']);
    expect(navItemsForRole('ADMIN', { mailCatcher: false }).map((n) => n.key)).not.toContain('mailbox');
    expect(navItemsForRole('USER', { mailCatcher: true }).map((n) => n.key)).toEqual(['calendar', 'settings']);
    expect(canAccessPath('USER', '/mailbox')).toBe(false);
    expect(canAccessPath('SUPPORT', '/mailbox')).toBe(true);
  });
});

describe('homePathForRole', () => {
  it.each([
    ['ADMIN', '/health'],
    ['SUPPORT', '/support'],
    ['USER', '/calendar'],
  ] as const)('%s lands on %s, a page the role can open', (role, path) => {
    expect(homePathForRole(role)).toBe(path);
    expect(canAccessPath(role, path)).toBe(true);
  });
});

describe('canAccessPath', () => {
  it('guards sub-paths and trailing slashes like the page itself', () => {
    expect(canAccessPath('SUPPORT', '/admin/users')).toBe(false);
    expect(canAccessPath('SUPPORT', '/admin/users/')).toBe(false);
    expect(canAccessPath('USER', '/events/123')).toBe(false);
    expect(canAccessPath('ADMIN', '/admin/users')).toBe(true);
    expect(canAccessPath('SUPPORT', '/admin/integrations')).toBe(false);
    expect(canAccessPath('ADMIN', '/admin/integrations')).toBe(true);
  });

  it('does not claim a 403 for paths no page owns (those are 404s)', () => {
    expect(canAccessPath('USER', '/nope')).toBe(true);
    expect(canAccessPath('USER', '/healthy')).toBe(true);
  });
});

describe('redirects around sign-in', () => {
  it('remembers where a signed-out visitor was heading', () => {
    expect(signInPathFor('/admin/users?q=ada')).toBe('/sign-in?next=%2Fadmin%2Fusers%3Fq%3Dada');
    expect(signInPathFor('/')).toBe('/sign-in');
    expect(signInPathFor('/sign-in?next=/x')).toBe('/sign-in');
  });

  it('rejects open redirects', () => {
    expect(isSafeInternalPath('//evil.example/x')).toBe(false);
    expect(isSafeInternalPath('/\\evil.example')).toBe(false);
    expect(isSafeInternalPath('https://evil.example')).toBe(false);
    expect(postSignInPath('ADMIN', '//evil.example')).toBe('/health');
    expect(postSignInPath('USER', 'https://evil.example')).toBe('/calendar');
  });

  it('returns to the remembered page when the role may open it, else goes home', () => {
    expect(postSignInPath('ADMIN', '/admin/users?q=ada')).toBe('/admin/users?q=ada');
    expect(postSignInPath('SUPPORT', '/admin/users')).toBe('/support');
    expect(postSignInPath('USER', null)).toBe('/calendar');
    expect(postSignInPath('SUPPORT', '/sign-in')).toBe('/support');
    expect(postSignInPath('ADMIN', '/')).toBe('/health');
  });
});
