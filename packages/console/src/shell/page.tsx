import { Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** A screen's frame: its title as the page's one h1 and the tab's title. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Rapport`;
  }, [title]);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      {actions}
      {children}
    </Stack>
  );
}
