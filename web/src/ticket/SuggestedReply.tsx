import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { t } from '../i18n/en.ts';
import { insertReply } from './SuggestedReplyChannel.tsx';

interface DraftReply {
  body: string | null;
  sources: { ticketId: number; score: number }[];
  method: 'retrieval' | 'llm';
}

/** The suggested reply built from similar resolved tickets, with a button that copies it into the reply box. */
export function SuggestedReply({ ticketId, canWrite }: { ticketId: number; canWrite: boolean }) {
  const draft = useQuery({
    queryKey: ['ticket', ticketId, 'draft'],
    queryFn: () => api.get<DraftReply>(`/tickets/${ticketId}/draft`),
    staleTime: 60_000,
  });

  if (draft.isPending) {
    return <Paper withBorder p="sm"><Loader size="sm" /></Paper>;
  }
  if (draft.isError) {
    return <Alert color="red" title={t.assist.draftFailed}>{draft.error.message}</Alert>;
  }

  const { body, sources, method } = draft.data;

  return (
    <Paper withBorder p="sm" data-testid="suggested-reply">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={6}>{t.assist.suggestedReply}</Title>
          <Text fz="xs" c="dimmed">{method === 'llm' ? t.assist.rewrittenByModel : t.assist.fromSimilarTickets(sources.map((source) => source.ticketId))}</Text>
        </Group>
        {body === null
          ? <Text fz="sm" c="dimmed">{t.assist.noSuggestion}</Text>
          : <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="suggested-reply-body">{body}</Text>}
        {body !== null && canWrite && (
          <Group justify="flex-end">
            <Button size="xs" variant="light" onClick={() => insertReply(ticketId, body)} data-testid="suggested-reply-insert">{t.assist.insert}</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
