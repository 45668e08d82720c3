import { Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { t } from '../i18n/en.ts';

interface EscalationRisk {
  probability: number | null;
  topFactors: { feature: string; contribution: number }[];
  modelVersion: string | null;
}

// Probability bands for the badge colour; the number itself is always shown.
const highRisk = 0.5;
const mediumRisk = 0.25;

function riskColor(probability: number): string {
  if (probability >= highRisk) return 'red';
  return probability >= mediumRisk ? 'orange' : 'teal';
}

/** The predicted chance that this ticket escalates, with the factors that raised or lowered it most. */
export function EscalationBadge({ ticketId }: { ticketId: number }) {
  const risk = useQuery({
    queryKey: ['ticket', ticketId, 'escalation'],
    queryFn: () => api.get<EscalationRisk>(`/tickets/${ticketId}/escalation`),
    staleTime: 60_000,
  });

  if (risk.isPending) {
    return <Loader size="xs" />;
  }
  if (risk.isError || risk.data.probability === null) {
    return null;
  }

  const { probability, topFactors, modelVersion } = risk.data;

  return (
    <Paper withBorder p="sm" data-testid="escalation-risk">
      <Stack gap={4}>
        <Group justify="space-between">
          <Title order={6}>{t.assist.escalationRisk}</Title>
          <Badge color={riskColor(probability)} variant="light" data-testid="escalation-probability">{Math.round(probability * 100)}%</Badge>
        </Group>
        {topFactors.map((factor) => (
          <Group key={factor.feature} justify="space-between" gap="xs" wrap="nowrap">
            <Text fz="xs" lineClamp={1}>{factor.feature}</Text>
            <Text fz="xs" c={factor.contribution > 0 ? 'red' : 'teal'}>{factor.contribution > 0 ? t.assist.raisesRisk : t.assist.lowersRisk}</Text>
          </Group>
        ))}
        <Text fz="xs" c="dimmed">{t.assist.model(modelVersion ?? '')}</Text>
      </Stack>
    </Paper>
  );
}
