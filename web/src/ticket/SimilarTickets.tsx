import { Alert, Anchor, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { t } from '../i18n/en.ts';

interface SimilarTicket {
  ticket: { id: number; subject: string; status: string; category: string | null; component: { key: string; name: string } | null; solvedAt: string | null };
  score: number;
  resolutionExcerpt: string | null;
}

/** The solved and closed tickets most like this one, each with the start of its final answer. */
export function SimilarTickets({ ticketId }: { ticketId: number }) {
  const similar = useQuery({
    queryKey: ['ticket', ticketId, 'similar'],
    queryFn: () => api.get<SimilarTicket[]>(`/tickets/${ticketId}/similar?limit=5`),
    staleTime: 60_000,
  });

  return (
    <Paper withBorder p="md" data-testid="similar-tickets">
      <Stack gap="sm">
        <Title order={5}>{t.assist.similarTickets}</Title>
        {similar.isPending && <Loader size="sm" />}
        {similar.isError && <Alert color="red" title={t.assist.similarFailed}>{similar.error.message}</Alert>}
        {similar.data?.length === 0 && <Text fz="sm" c="dimmed">{t.assist.noSimilarTickets}</Text>}
        {similar.data?.map((hit) => (
          <Stack key={hit.ticket.id} gap={2}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/tickets/${hit.ticket.id}`} fz="sm" lineClamp={1}>#{hit.ticket.id} {hit.ticket.subject}</Anchor>
              <Text fz="xs" c="dimmed" title={t.assist.scoreHint}>{hit.score.toFixed(2)}</Text>
            </Group>
            <Text fz="xs" c="dimmed">
              {[hit.ticket.component?.name, hit.ticket.solvedAt ? t.assist.solvedOn(formatDate(hit.ticket.solvedAt)) : null].filter(Boolean).join(' · ')}
            </Text>
            {hit.resolutionExcerpt && <Text fz="xs" lineClamp={3}>{hit.resolutionExcerpt}</Text>}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
