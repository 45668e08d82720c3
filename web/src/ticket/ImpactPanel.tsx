import { Alert, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useImpact } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { ImpactBadge } from '../ui/ImpactBadge.tsx';

/** Shows the ticket's business-impact score and the points each component adds. */
export function ImpactPanel({ ticketId }: { ticketId: number }) {
  const impact = useImpact(ticketId);

  if (impact.isPending) {
    return <Paper withBorder p="md"><Loader size="sm" /></Paper>;
  }
  if (impact.isError) {
    return <Alert color="red" title={t.impact.loadFailed}>{impact.error.message}</Alert>;
  }

  const { score, components } = impact.data;

  return (
    <Paper withBorder p="md" data-testid="impact-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t.impact.title}</Title>
          <ImpactBadge score={score} size="lg" data-testid="impact-score" />
        </Group>
        {score === null && <Text c="dimmed" fz="sm">{t.impact.notComputed}</Text>}
        <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
          <Table.Tbody>
            {components.map((component) => (
              <Table.Tr key={component.name} data-testid={`impact-${component.name}`}>
                <Table.Td c="dimmed">{t.impact.components[component.name] ?? component.name}</Table.Td>
                <Table.Td>{component.value === null ? t.impact.notConfigured : t.impact.input(component.name, component.input)}</Table.Td>
                <Table.Td w={70}>
                  <Progress value={component.weight === 0 ? 0 : (component.points / component.weight) * 100} size="sm" aria-label={t.impact.weight(component.weight)} />
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{component.points.toFixed(1)} / {component.weight}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
