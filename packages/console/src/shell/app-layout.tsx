import { AppShell, Anchor, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useMe, useSessionState } from '../api';
import { ErrorState, LoadingState } from '../components/states';
import { allows, SCREENS, type ScreenDefinition } from '../routes/registry';
import { loginPath } from './next-path';

const SECTIONS: NonNullable<ScreenDefinition['nav']>['section'][] = ['Start', 'Workspace', 'Admin', 'Compliance', 'You'];

/**
 * The signed-in console: header, the navigation the person's role allows, and the screen. Without
 * a session (never had one, or it expired) the person goes to log in, and comes back here after.
 */
export function AppLayout() {
  const state = useSessionState();
  const location = useLocation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);

  if (state !== 'signed-in') {
    return <Navigate to={loginPath(location.pathname + location.search, state === 'expired' ? 'expired' : undefined)} replace />;
  }
  if (me.isPending) return <LoadingState label="Opening your workspace…" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  const visible = SCREENS.filter((screen) => screen.nav && allows(me.data.permissions, screen));
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        Skip to content
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Text fw={700} size="lg">
              Rapport
            </Text>
          </Group>
          <Text size="sm" c="dimmed" truncate>
            {me.data.tenant.name} · {me.data.user.name}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          <Stack gap="md">
            {SECTIONS.map((section) => {
              const items = visible.filter((screen) => screen.nav?.section === section);
              if (items.length === 0) return null;
              return (
                <div key={section}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {section}
                  </Text>
                  {items.map((screen) => (
                    <NavLink key={screen.path} component={RouterNavLink} to={screen.path} label={screen.nav!.label} onClick={close} />
                  ))}
                </div>
              );
            })}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
