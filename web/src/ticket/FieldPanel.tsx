import { Alert, Button, Paper, Select, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { queryKeys, useAgents, useComponents, useTeams, useUpdateTicket, useVocabularies, type TicketChanges } from '../api/queries.ts';
import type { Term, Ticket } from '../api/types.ts';
import { t } from '../i18n/en.ts';

function termOptions(terms: Term[] | undefined, current: string | null) {
  // An inactive term stays selectable only when the ticket already carries it.
  return (terms ?? [])
    .filter((term) => term.active || term.key === current)
    .map((term) => ({ value: term.key, label: term.label }));
}

/** Side panel of the ticket's fields; each change is a PATCH carrying the version the agent saw. */
export function FieldPanel({ ticket, canWrite }: { ticket: Ticket; canWrite: boolean }) {
  const client = useQueryClient();
  const vocabularies = useVocabularies();
  const agents = useAgents();
  const teams = useTeams();
  const components = useComponents();
  const update = useUpdateTicket(ticket.id);
  const conflict = update.error instanceof ApiError && update.error.code === 'version_conflict';

  function change(changes: TicketChanges) {
    update.mutate({ version: ticket.version, ...changes }, {
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'version_conflict') {
          void client.invalidateQueries({ queryKey: queryKeys.ticket(ticket.id) });
        }
      },
    });
  }

  function reload() {
    update.reset();
    void client.invalidateQueries({ queryKey: queryKeys.ticket(ticket.id) });
  }

  const common = { disabled: !canWrite || update.isPending, size: 'sm' as const };

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={5}>{t.ticket.fields}</Title>
        {conflict && (
          <Alert color="orange" title={t.ticket.conflictTitle} role="alert" data-testid="conflict">
            {t.ticket.conflictBody}
            <Button size="xs" variant="light" mt="xs" onClick={reload} display="block">{t.ticket.reload}</Button>
          </Alert>
        )}
        {update.isError && !conflict && (
          <Alert color="red" title={t.ticket.saveFailed} role="alert">{update.error.message}</Alert>
        )}
        <Select
          label={t.ticket.status}
          data={termOptions(vocabularies.data?.status, ticket.status)}
          value={ticket.status}
          onChange={(value) => value && change({ status: value })}
          allowDeselect={false}
          data-testid="field-status"
          {...common}
        />
        <Select
          label={t.ticket.priority}
          data={termOptions(vocabularies.data?.priority, ticket.priority)}
          value={ticket.priority}
          onChange={(value) => value && change({ priority: value })}
          allowDeselect={false}
          data-testid="field-priority"
          {...common}
        />
        <Select
          label={t.ticket.category}
          placeholder={t.ticket.noValue}
          data={termOptions(vocabularies.data?.category, ticket.category)}
          value={ticket.category}
          onChange={(value) => change({ category: value })}
          clearable
          data-testid="field-category"
          {...common}
        />
        <Select
          label={t.ticket.component}
          placeholder={t.ticket.noValue}
          data={(components.data ?? []).map((item) => ({ value: item.key, label: item.name }))}
          value={ticket.component?.key ?? null}
          onChange={(value) => change({ component: value })}
          clearable
          searchable
          data-testid="field-component"
          {...common}
        />
        <Select
          label={t.ticket.assignee}
          placeholder={t.ticket.unassigned}
          data={(agents.data ?? []).map((agent) => ({ value: String(agent.id), label: agent.name }))}
          value={ticket.assignee ? String(ticket.assignee.id) : null}
          onChange={(value) => change({ assigneeId: value ? Number(value) : null })}
          clearable
          searchable
          data-testid="field-assignee"
          {...common}
        />
        <Select
          label={t.ticket.team}
          placeholder={t.ticket.noValue}
          data={(teams.data ?? []).map((item) => ({ value: item.key, label: item.name }))}
          value={ticket.team?.key ?? null}
          onChange={(value) => change({ team: value })}
          clearable
          data-testid="field-team"
          {...common}
        />
      </Stack>
    </Paper>
  );
}
