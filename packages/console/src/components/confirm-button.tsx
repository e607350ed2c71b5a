import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

/**
 * A button for an action that cannot be undone: it asks first, in words that say what will
 * happen. When the action is not allowed, the button is disabled and `blocked` says why, next to
 * it, before anyone clicks.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  blocked,
  busy,
  ...button
}: {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  blocked?: string | undefined;
  busy?: boolean;
} & Omit<ButtonProps, 'children'>) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <Stack gap={4}>
      <Button {...button} disabled={Boolean(blocked)} onClick={open}>
        {label}
      </Button>
      {blocked ? (
        <Text size="sm" c="dimmed">
          {blocked}
        </Text>
      ) : null}
      <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={busy}
              onClick={async () => {
                await onConfirm();
                close();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
