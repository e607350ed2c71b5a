import { Box, Container, Text } from '@mantine/core';
import { Outlet } from 'react-router';

/** The frame of the screens open without a session. */
export function PublicLayout() {
  return (
    <Box component="main" id="main" py="xl">
      <Container size={440} px="md">
        <Text fw={700} size="xl" mb="lg" component="p">
          Rapport
        </Text>
        <Outlet />
      </Container>
    </Box>
  );
}
