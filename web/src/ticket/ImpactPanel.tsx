import { Alert, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useImpact, useTicketContext, useVocabularies } from '../api/queries.ts';
import type { ImpactComponent, Vocabularies } from '../api/types.ts';
import { formatMoney, labelOf } from '../format.ts';
import { t } from '../i18n/en.ts';
import { ImpactBadge } from '../ui/ImpactBadge.tsx';

/** Formats a component's input with labels and units: vocabulary labels for keys, ARR in the account's currency. */
function inputText(component: ImpactComponent, vocabularies: Vocabularies | undefined, currency: string | undefined): string {
  const { name, input } = component;
  if (input === null) {
    return t.common.none;
  }
  if (name === 'priority' || name === 'tier') {
    return labelOf(vocabularies?.[name], String(input));
  }
  if (name === 'arr' && typeof input === 'number' && currency) {
    return formatMoney(input, currency);
  }
  if (name === 'health' && typeof input === 'number') {
    return t.impact.healthInput(Math.round(input));
  }

  return t.impact.input(name, input);
}

/** Shows the ticket's business-impact score and the points each component adds. */
export function ImpactPanel({ ticketId }: { ticketId: number }) {
  const impact = useImpact(ticketId);
  const vocabularies = useVocabularies();
  // The context panel makes the same request, so this one is served from the cache.
  const currency = useTicketContext(ticketId).data?.account?.currency;

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
                <Table.Td>{component.value === null ? t.impact.notConfigured : inputText(component, vocabularies.data, currency)}</Table.Td>
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
