import { Anchor, AppShell, Button, Group, Text, Title } from '@mantine/core';
import { Link, Outlet, useLocation } from 'react-router';
import type { Agent } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { t } from '../i18n/en.ts';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';

export function Shell({ agent }: { agent: Agent }) {
  const { logout } = useSession();

  return (
    <AppShell header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="lg">
            <Title order={4}>{t.appName}</Title>
            <Anchor component={Link} to="/">{t.shell.queue}</Anchor>
            {agent.role === 'admin' && <Anchor component={Link} to="/models">{t.triage.nav}</Anchor>}
          </Group>
          <Group gap="sm">
            <Text size="sm" c="dimmed">{t.shell.signedInAs(agent.name)}</Text>
            <Button variant="subtle" size="xs" onClick={() => void logout()}>{t.shell.logout}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        {/* A new key per page lets the agent leave a broken page through the header links. */}
        <ErrorBoundary key={useLocation().pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
