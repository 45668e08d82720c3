import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEventsBefore, useUsage } from '../api/queries.ts';
import { formatShortDateTime } from '../format.ts';
import { t } from '../i18n/en.ts';

const trendArrows: Record<string, string> = { up: '↑', down: '↓', flat: '→' };

/** Shows the account's recent feature usage and its last events before the ticket was opened; hidden when the server has no event data. */
export function UsagePanel({ accountId, openedAt }: { accountId: number; openedAt: string }) {
  const usage = useUsage(accountId);
  const events = useEventsBefore(accountId, openedAt);
  if (!usage.data && !events.data) {
    return null;
  }

  const features = usage.data?.features.slice(0, 6) ?? [];
  const recent = events.data?.items ?? [];

  return (
    <Paper withBorder p="md" data-testid="usage-panel">
      <Stack gap="xs">
        <Title order={5}>{t.context.usage}</Title>
        {features.length === 0 && <Text c="dimmed" fz="sm">{t.context.usageNone}</Text>}
        <Table fz="sm" verticalSpacing={2} withRowBorders={false}>
          <Table.Tbody>
            {features.map((feature) => (
              <Table.Tr key={feature.feature}>
                <Table.Td>{feature.feature}</Table.Td>
                <Table.Td ta="right">{feature.count7d} {trendArrows[feature.trend.direction] ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fz="sm" fw={500}>{t.context.eventsBefore}</Text>
        {recent.length === 0 && <Text c="dimmed" fz="sm">{t.context.eventsNone}</Text>}
        <Stack gap={2} data-testid="events-before">
          {recent.map((event) => (
            <Text key={event.id} fz="xs">
              <Text span c="dimmed" fz="xs">{formatShortDateTime(event.occurredAt)}</Text> {event.name ?? event.type}
            </Text>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
