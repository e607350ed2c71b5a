import { Alert, MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider, ApiError, type ApiClient, type Session } from './api';

/**
 * The console's look: Mantine's defaults, with a primary colour dark enough for AA contrast and
 * alert titles in the text colour (the light orange and blue titles fall below AA on their tint).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  components: { Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }) },
});

/** Mantine's "dimmed" grey is below WCAG AA contrast on white; one shade darker passes (axe checks it). */
const cssVariables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });

/** Retry a failed load once, but never a refusal (4xx): asking again will not change the answer. */
export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500) },
      mutations: { retry: false },
    },
  });
}

/** Every provider a screen needs; main.tsx and the component tests both use it. */
export function Providers({ client, session, queryClient, children }: { client: ApiClient; session: Session; queryClient: QueryClient; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider client={client} session={session}>
          {children}
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
