import { Suspense, useEffect, useRef } from 'react';
import { FilterBar } from '../components/filter-bar.js';
import { PeriodPicker } from '../components/period-picker.js';
import { Loading, NotAllowed } from '../components/states.js';
import { Link, matchPath, useLocation } from './router.js';
import { ROUTES, type MatchedRoute } from './routes.js';
import { useSignedIn } from './session-context.js';

function matchRoute(pathname: string): MatchedRoute | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function isCurrent(navPath: string, pathname: string): boolean {
  return navPath === '/' ? pathname === '/' : pathname === navPath || pathname.startsWith(`${navPath}/`);
}

/** The frame of every signed-in page: navigation from the route table, the period picker, the page. */
export function Shell() {
  const { session, can, signOut } = useSignedIn();
  const { pathname, search } = useLocation();
  const matched = matchRoute(pathname);
  const main = useRef<HTMLElement>(null);
  const allowed = matched ? can(matched.route.permission) : true;
  const title = matched ? matched.route.title : 'Not found';

  useEffect(() => {
    document.title = `${title} · Workledger`;
  }, [title]);
  // Moving to another page puts focus on its content, so keyboard and screen-reader users start there
  // (not on first load: the skip link stays the first stop).
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  const navQuery = (() => {
    const params = new URLSearchParams(search);
    const keep = new URLSearchParams();
    for (const name of ['from', 'to', 'agent', 'workflow', 'priority']) {
      const value = params.get(name);
      if (value) keep.set(name, value);
    }
    const text = keep.toString();
    return text ? `?${text}` : '';
  })();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to={`/${navQuery}`} className="brand">
          Workledger
        </Link>
        <span className="tenant" data-testid="tenant-name">
          {session.tenant.name}
        </span>
        <span className="user">
          <span data-testid="user-email">{session.user.email}</span>{' '}
          <span className="role" data-testid="user-role">
            {session.user.role}
          </span>
        </span>
        <button type="button" className="sign-out" onClick={() => void signOut()} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <nav className="app-nav" aria-label="Pages">
        <ul>
          {ROUTES.filter((r) => r.nav && can(r.permission)).map((r) => (
            <li key={r.path}>
              <Link
                to={`${r.path}${r.period ? navQuery : ''}`}
                aria-current={isCurrent(r.path, pathname) ? 'page' : undefined}
                data-testid={`nav-${r.path === '/' ? 'overview' : r.path.slice(1)}`}
              >
                {r.nav}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        {matched?.route.period && allowed && (
          <div className="controls">
            <PeriodPicker />
            <FilterBar showAgent={!pathname.startsWith('/agents/')} />
          </div>
        )}
        {!matched && (
          <section>
            <h1>Not found</h1>
            <p>
              There is no page at {pathname}. <Link to="/">Go to the overview</Link>.
            </p>
          </section>
        )}
        {matched && !allowed && <NotAllowed what={matched.route.title} />}
        {matched && allowed && (
          <Suspense fallback={<Loading />}>
            <matched.route.page params={matched.params} />
          </Suspense>
        )}
      </main>
    </div>
  );
}
