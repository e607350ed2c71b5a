import { Navigate, createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import type { ComponentType } from 'react';
import { useMe } from './api';
import { ErrorState, PermissionDenied } from './components/states';
import { HOME_PATH, PUBLIC_SCREENS, SCREENS, allows, type ScreenDefinition } from './routes/registry';
import { AppLayout } from './shell/app-layout';
import { PublicLayout } from './shell/public-layout';
import { Page } from './shell/page';

/** Opens the screen only to a role that allows it; otherwise says which permission is missing. */
function guarded(screen: ScreenDefinition, Screen: ComponentType): ComponentType {
  return function GuardedScreen() {
    const me = useMe();
    if (me.data && !allows(me.data.permissions, screen)) {
      return (
        <Page title={screen.title}>
          <PermissionDenied permission={typeof screen.permission === 'string' ? screen.permission : screen.permission[0]} />
        </Page>
      );
    }
    return <Screen />;
  };
}

function RouteError() {
  return <ErrorState error={useRouteError()} onRetry={() => window.location.reload()} />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address. <a href={HOME_PATH}>Go to the start page</a>.
      </p>
    </Page>
  );
}

/** The console's routes, from the registry: each screen's module is its own chunk, loaded on demand. */
export function consoleRoutes(): RouteObject[] {
  return [
    {
      element: <PublicLayout />,
      errorElement: <RouteError />,
      children: PUBLIC_SCREENS.map((screen) => ({
        path: screen.path,
        lazy: async () => ({ Component: (await screen.load()).default }),
      })),
    },
    {
      element: <AppLayout />,
      errorElement: <RouteError />,
      children: [
        ...SCREENS.map((screen) => ({
          path: screen.path,
          lazy: async () => ({ Component: guarded(screen, (await screen.load()).default) }),
        })),
        { path: '/', element: <Navigate to={HOME_PATH} replace /> },
        { path: '*', Component: NotFound },
      ],
    },
  ];
}

export function createConsoleRouter() {
  return createBrowserRouter(consoleRoutes());
}
