import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { PERMISSIONS } from '@rapport/domain/browser';
import type { ReactNode } from 'react';
import { ApiError } from '../api';

/** Shown while a screen's data loads. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

/** Shown when there is nothing yet, with what the person can do about it. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children ? <Text c="dimmed" ta="center">{children}</Text> : null}
      {action}
    </Stack>
  );
}

/** The plain-words description of a permission, from the API's own catalogue. */
export function describePermission(permission: string): string {
  return Object.hasOwn(PERMISSIONS, permission) ? PERMISSIONS[permission as keyof typeof PERMISSIONS] : permission;
}

/** A screen or action the person's role does not allow, naming the permission it needs. */
export function PermissionDenied({ permission }: { permission: string }) {
  return (
    <Alert color="orange" title="Your role does not allow this" role="alert">
      <Text>
        This needs the permission <strong>{permission}</strong>: {describePermission(permission).replace(/^./, (c) => c.toLowerCase())}.
      </Text>
      <Text mt="xs">Ask an admin of your workspace to give your role this permission.</Text>
    </Alert>
  );
}

/**
 * A failed load or action in plain words: a 403 names the missing permission, a network failure
 * says so, anything else shows the API's message and the request id to quote to support.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.missingPermission) return <PermissionDenied permission={error.missingPermission} />;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <Alert color="red" title="This did not work" role="alert">
      <Text>{message}</Text>
      {error instanceof ApiError && error.requestId ? (
        <Text size="sm" c="dimmed" mt="xs">
          If it keeps happening, tell support this reference: {error.requestId}
        </Text>
      ) : null}
      {onRetry ? (
        <Button mt="sm" variant="light" color="red" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Alert>
  );
}
