import { bytesRoutes } from './routes/bytes.ts';
import { contentRoutes } from './routes/content.ts';
import { echoRoutes } from './routes/echo.ts';
import { faultRoutes } from './routes/faults.ts';
import { miscRoutes } from './routes/misc.ts';
import { redirectRoutes } from './routes/redirects.ts';
import { timingRoutes } from './routes/timing.ts';
import type { Route } from './types.ts';

/** Every route of the test server, first match wins. */
export const ROUTES: readonly Route[] = [
  ...echoRoutes,
  ...redirectRoutes,
  ...timingRoutes,
  ...bytesRoutes,
  ...contentRoutes,
  ...miscRoutes,
  ...faultRoutes,
];

/** The route for a path and its capture groups, or `null` (the server answers 404). */
export function matchRoute(pathname: string): { route: Route; params: string[] } | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (match) return { route, params: match.slice(1) };
  }
  return null;
}
