import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useHealthHistory } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { Sparkline } from '../ui/Sparkline.tsx';

interface HealthComponentRow {
  key: string;
  label: string;
  value: string;
  explanation: string | undefined;
}

function componentValue(component: Record<string, unknown>): string {
  const value = component.value ?? component.score;
  if (typeof value === 'number') {
    return t.context.healthComponentScore(Math.round(value));
  }
  return component.status === 'missing' || value === null || value === undefined ? t.context.healthComponentMissing : String(value);
}

/** Reads the snapshot's components, which are 0-100 sub-scores named by `key` (or `name` in older imports). */
function componentRows(components: Array<Record<string, unknown>>): HealthComponentRow[] {
  return components
    .map((component) => {
      const key = String(component.key ?? component.name ?? '');
      const ownLabel = typeof component.label === 'string' ? component.label : undefined;
      const words = key.replace(/_/g, ' ');
      const label = t.context.healthComponentNames[key] ?? ownLabel ?? words.charAt(0).toUpperCase() + words.slice(1);
      const explanation = typeof component.explanation === 'string' ? component.explanation : undefined;

      return { key, label, value: componentValue(component), explanation };
    })
    .filter((component) => component.key);
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
                  <Table.Tr key={component.key} title={component.explanation} data-testid={`health-${component.key}`}>
                    <Table.Td c="dimmed">{component.label}</Table.Td>
                    <Table.Td ta="right">{component.value}</Table.Td>
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
