import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useHealthHistory } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { Sparkline } from '../ui/Sparkline.tsx';

function componentRows(components: Array<Record<string, unknown>>) {
  return components
    .map((component) => ({ name: String(component.name ?? component.key ?? ''), value: component.value ?? component.score ?? component.points }))
    .filter((component) => component.name);
}

/** Shows the account's health trend and the components of its latest score; hidden when the server has no health history. */
export function HealthPanel({ accountId }: { accountId: number }) {
  const history = useHealthHistory(accountId);
  const data = history.data;
  if (!data || data.items.length === 0) {
    return null;
  }

  // The API lists snapshots newest first; the line reads left to right, oldest first.
  const values = [...data.items].reverse().map((snapshot) => Number(snapshot.score));
  const components = componentRows(data.current?.components ?? []);

  return (
    <Paper withBorder p="md" data-testid="health-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{t.context.healthTrend}</Title>
          <Sparkline values={values} label={t.context.healthTrend} color="var(--mantine-color-teal-6)" />
        </Group>
        {components.length > 0 && (
          <>
            <Text fz="sm" fw={500}>{t.context.healthComponents}</Text>
            <Table fz="sm" verticalSpacing={2} withRowBorders={false}>
              <Table.Tbody>
                {components.map((component) => (
                  <Table.Tr key={component.name}>
                    <Table.Td c="dimmed">{component.name.replace(/_/g, ' ')}</Table.Td>
                    <Table.Td ta="right">{typeof component.value === 'number' ? Math.round(component.value * 100) / 100 : String(component.value ?? t.common.none)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}
