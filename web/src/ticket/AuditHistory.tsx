import { useState } from 'react';
import { Accordion, Alert, Loader, Stack, Text } from '@mantine/core';
import { useAccount, useAgents, useAudit, useComponents, useTeams, useVocabularies } from '../api/queries.ts';
import type { AuditEntry } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n/en.ts';
import { auditFieldLabel, auditValueText, hiddenAuditFields, type AuditDirectory } from './auditValues.ts';

function actorName(entry: AuditEntry): string {
  if (entry.actorName) {
    return entry.actorName;
  }
  switch (entry.actorKind) {
    case 'agent':
      return t.actors.agent(entry.actorId);
    case 'token':
      return t.actors.token(entry.actorId);
    default:
      return t.actors[entry.actorKind];
  }
}

function actionLabel(action: string): string {
  const known = t.auditActions[action];
  if (known) {
    return known;
  }
  const words = action.replace(/_/g, ' ');

  return words.charAt(0).toUpperCase() + words.slice(1);
}

function AccountName({ id }: { id: unknown }) {
  const account = useAccount(typeof id === 'number' ? id : null);
  if (id === null || id === undefined) {
    return <>{t.common.none}</>;
  }

  return <>{account.data?.name ?? `#${String(id)}`}</>;
}

function ChangeLine({ field, before, after, directory }: { field: string; before: unknown; after: unknown; directory: AuditDirectory }) {
  const label = auditFieldLabel(field);
  if (field === 'account_id') {
    return (
      <Text fz="xs" c="dimmed" pl="sm">
        {label}: <AccountName id={before} /> → <AccountName id={after} />
      </Text>
    );
  }

  return <Text fz="xs" c="dimmed" pl="sm">{t.ticket.historyChange(label, auditValueText(field, before, directory), auditValueText(field, after, directory))}</Text>;
}

function HistoryList({ ticketId }: { ticketId: number }) {
  const audit = useAudit(ticketId, true);
  const directory: AuditDirectory = {
    vocabularies: useVocabularies().data,
    agents: useAgents().data,
    teams: useTeams().data,
    components: useComponents().data,
  };

  if (audit.isPending) {
    return <Loader size="sm" />;
  }
  if (audit.isError) {
    return <Alert color="red">{audit.error.message}</Alert>;
  }
  if (audit.data.length === 0) {
    return <Text c="dimmed" fz="sm">{t.ticket.noHistory}</Text>;
  }

  return (
    <Stack gap="xs" data-testid="audit-list">
      {audit.data.map((entry) => (
        <div key={entry.id} data-testid="audit-entry">
          <Text fz="sm">
            <Text span inherit fw={600}>{t.ticket.historyAction(actionLabel(entry.action), actorName(entry))}</Text>
            <Text span c="dimmed" fz="xs"> · {formatDateTime(entry.createdAt)}</Text>
          </Text>
          {Object.entries(entry.changes)
            .filter(([field]) => !hiddenAuditFields.has(field))
            .map(([field, [before, after]]) => <ChangeLine key={field} field={field} before={before} after={after} directory={directory} />)}
        </div>
      ))}
    </Stack>
  );
}

/** Shows the ticket's audit trail, collapsed by default, and fetches it only when opened. */
export function AuditHistory({ ticketId }: { ticketId: number }) {
  const [opened, setOpened] = useState<string | null>(null);

  return (
    <Accordion variant="contained" value={opened} onChange={setOpened}>
      <Accordion.Item value="history">
        <Accordion.Control data-testid="audit-toggle">{t.ticket.showHistory}</Accordion.Control>
        <Accordion.Panel>{opened && <HistoryList ticketId={ticketId} />}</Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
