import '@mantine/core/styles.css';
import './console.css';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApiClient, createSession, refreshWith } from './api';
import { createQueryClient, Providers } from './app';
import { createConsoleRouter } from './router';

const session = createSession({ storage: window.sessionStorage, refresh: refreshWith() });
const client = createApiClient({ session });
const queryClient = createQueryClient();

// A reload keeps the person signed in (the refresh token is in sessionStorage); then route.
await session.restore();
createRoot(document.getElementById('root')!).render(
  <Providers client={client} session={session} queryClient={queryClient}>
    <RouterProvider router={createConsoleRouter()} />
  </Providers>,
);
