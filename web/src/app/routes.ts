import { lazy, type ComponentType } from 'react';
import type { Permission } from '../api/answers.js';
import OverviewPage from '../pages/overview-page.js';

import type { PageProps } from './page-props.js';

export type { PageProps } from './page-props.js';

/**
 * One page of the dashboard. To add a page, write `pages/<name>-page.tsx` (default export) and add one
 * entry here: it gets its URL, its place in the navigation, the period picker, and the access check.
 */
export interface PageRoute {
  /** URL pattern; `:name` segments become params. */
  path: string;
  /** Document title and the page's name. */
  title: string;
  /** The API permission the page needs (GET /v1/session lists the user's); others see "not allowed". */
  permission: Permission;
  page: ComponentType<PageProps>;
  /** Label in the navigation; detail pages have none. */
  nav?: string;
  /** Whether the page reads the period and filters of the URL (the header shows the picker). */
  period?: boolean;
}

export const ROUTES: PageRoute[] = [
  { path: '/', title: 'Overview', permission: 'read', page: OverviewPage, nav: 'Overview', period: true },
  {
    path: '/agents',
    title: 'Agents',
    permission: 'read',
    page: lazy(() => import('../pages/agents-page.js')),
    nav: 'Agents',
    period: true,
  },
  {
    path: '/agents/:agentId',
    title: 'Agent',
    permission: 'read',
    page: lazy(() => import('../pages/agent-page.js')),
    period: true,
  },
  {
    path: '/workflows',
    title: 'Workflows and cohorts',
    permission: 'read',
    page: lazy(() => import('../pages/workflows-page.js')),
    nav: 'Workflows',
    period: true,
  },
  {
    path: '/items',
    title: 'Items',
    permission: 'read',
    page: lazy(() => import('../pages/items-page.js')),
    nav: 'Items',
    period: true,
  },
  {
    path: '/items/:source/:externalId',
    title: 'Item',
    permission: 'read',
    page: lazy(() => import('../pages/item-page.js')),
  },
  {
    path: '/activity',
    title: 'Activity',
    permission: 'read',
    page: lazy(() => import('../pages/activity-page.js')),
    nav: 'Activity',
    period: true,
  },
  {
    path: '/configuration',
    title: 'Configuration',
    permission: 'configure',
    page: lazy(() => import('../pages/configuration-page.js')),
    nav: 'Configuration',
  },
];

export interface MatchedRoute {
  route: PageRoute;
  params: Record<string, string>;
}
