import { Alert, Anchor, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useMessages, useTicket, useVocabularies } from '../api/queries.ts';
import { useSession } from '../auth/session.tsx';
import { formatDateTime, labelOf } from '../format.ts';
import { t } from '../i18n/en.ts';
import { AuditHistory } from '../ticket/AuditHistory.tsx';
import { ContextPanel } from '../ticket/ContextPanel.tsx';
import { Conversation } from '../ticket/Conversation.tsx';
import { FieldPanel } from '../ticket/FieldPanel.tsx';
import { HealthPanel } from '../ticket/HealthPanel.tsx';
import { ImpactPanel } from '../ticket/ImpactPanel.tsx';
import { UsagePanel } from '../ticket/UsagePanel.tsx';
import { ReplyBox } from '../ticket/ReplyBox.tsx';
import { EscalationBadge } from '../ticket/EscalationBadge.tsx';
import { SimilarTickets } from '../ticket/SimilarTickets.tsx';
import { SuggestedReply } from '../ticket/SuggestedReply.tsx';
import { TriagePanel } from '../ticket/TriagePanel.tsx';
import { PriorityBadge, StatusBadge } from '../ui/badges.tsx';
import { ErrorBoundary } from '../ui/ErrorBoundary.tsx';

export function TicketPage() {
  const ticketId = Number(useParams().id);

  // A new key per ticket resets drafts and error states when the agent follows a link to another ticket.
  return <TicketView key={ticketId} ticketId={ticketId} />;
}

function TicketView({ ticketId }: { ticketId: number }) {
  const { agent } = useSession();
  const ticket = useTicket(ticketId);
  const messages = useMessages(ticketId);
  const vocabularies = useVocabularies();
  const canWrite = agent?.role !== 'viewer';
  // The queue link passes its query string, so "back" returns to the same view.
  const queueSearch = (useLocation().state as { queueSearch?: string } | null)?.queueSearch ?? '';

  if (ticket.isPending) {
    return <Loader />;
  }
  if (ticket.isError) {
    return <Alert color="red" title={t.ticket.loadFailed}>{ticket.error.message}</Alert>;
  }

  const data = ticket.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/${queueSearch}`} fz="sm">
        ← {t.ticket.back}
      </Anchor>
      <Stack gap={4}>
        <Title order={3} data-testid="ticket-subject">#{data.id} {data.subject}</Title>
        <Group gap="xs">
          <StatusBadge status={data.status} label={labelOf(vocabularies.data?.status, data.status)} data-testid="ticket-status" />
          <PriorityBadge priority={data.priority} label={labelOf(vocabularies.data?.priority, data.priority)} data-testid="ticket-priority" />
          <Text fz="sm" c="dimmed">
            {t.ticket.requester}: {data.requester?.name ?? data.requester?.email ?? t.common.none}
            {' · '}{t.ticket.channel}: {labelOf(vocabularies.data?.channel, data.channel)}
            {' · '}{t.ticket.created}: {formatDateTime(data.createdAt)}
          </Text>
        </Group>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Title order={5}>{t.ticket.conversation}</Title>
            {messages.isPending && <Loader size="sm" />}
            {messages.isError && <Alert color="red">{messages.error.message}</Alert>}
            <ErrorBoundary name={t.ticket.conversation}>
              {messages.data && <Conversation messages={messages.data} />}
            </ErrorBoundary>
            <ErrorBoundary name={t.assist.suggestedReply}><SuggestedReply ticketId={ticketId} canWrite={canWrite} /></ErrorBoundary>
            <ErrorBoundary name={t.ticket.replyBox}><ReplyBox ticketId={ticketId} canWrite={canWrite} /></ErrorBoundary>
            <ErrorBoundary name={t.ticket.history}><AuditHistory ticketId={ticketId} /></ErrorBoundary>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <ErrorBoundary name={t.assist.escalationRisk}><EscalationBadge ticketId={ticketId} /></ErrorBoundary>
            <ErrorBoundary name={t.ticket.fields}><FieldPanel ticket={data} canWrite={canWrite} /></ErrorBoundary>
            <ErrorBoundary name={t.triage.title}><TriagePanel ticket={data} canWrite={canWrite} /></ErrorBoundary>
            <ErrorBoundary name={t.context.title}><ContextPanel ticketId={ticketId} /></ErrorBoundary>
            <ErrorBoundary name={t.assist.similarTickets}><SimilarTickets ticketId={ticketId} /></ErrorBoundary>
            <ErrorBoundary name={t.impact.title}><ImpactPanel ticketId={ticketId} /></ErrorBoundary>
            {data.account && <ErrorBoundary name={t.context.healthTrend}><HealthPanel accountId={data.account.id} /></ErrorBoundary>}
            {data.account && (
              <ErrorBoundary name={t.context.usage}><UsagePanel accountId={data.account.id} openedAt={data.createdAt} /></ErrorBoundary>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
