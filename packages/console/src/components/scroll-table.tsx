import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table wider than a phone: it scrolls sideways in a region a keyboard can focus and scroll
 * (axe's scrollable-region-focusable), named for screen readers.
 */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
