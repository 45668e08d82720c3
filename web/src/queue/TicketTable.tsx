import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Ticket, Vocabularies } from '../api/types.ts';
import { formatShortDateTime, labelOf, shortLabel } from '../format.ts';
import { PriorityBadge, StatusBadge } from '../ui/badges.tsx';
import { ImpactBadge } from '../ui/ImpactBadge.tsx';
import { t } from '../i18n/en.ts';
import type { SortableColumn } from './filters.ts';

interface TicketTableProps {
  tickets: Ticket[];
  vocabularies: Vocabularies | undefined;
  sort: { column: SortableColumn | null; descending: boolean };
  onSort: (column: SortableColumn) => void;
}

const noWrap = { whiteSpace: 'nowrap' } as const;


function SortHeader({ column, label, sort, onSort }: { column: SortableColumn; label: string } & Pick<TicketTableProps, 'sort' | 'onSort'>) {
  const active = sort.column === column;
  const arrow = active ? (sort.descending ? ' ↓' : ' ↑') : '';
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';

  return (
    <Table.Th aria-sort={ariaSort} style={noWrap}>
      <UnstyledButton onClick={() => onSort(column)} aria-label={t.queue.sortBy(label)} fw={600} fz="sm">
        {label}{arrow}
      </UnstyledButton>
    </Table.Th>
  );
}

export function TicketTable({ tickets, vocabularies, sort, onSort }: TicketTableProps) {
  const columns = t.queue.columns;
  const sortProps = { sort, onSort };
  const { search } = useLocation();

  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing={6} horizontalSpacing="xs" fz="sm" data-testid="ticket-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>{columns.id}</Table.Th>
            <Table.Th>{columns.subject}</Table.Th>
            <SortHeader column="status" label={columns.status} {...sortProps} />
            <SortHeader column="priority" label={columns.priority} {...sortProps} />
            <SortHeader column="impact" label={columns.impact} {...sortProps} />
            <Table.Th style={noWrap}>{columns.categoryAndComponent}</Table.Th>
            <Table.Th>{columns.assignee}</Table.Th>
            <SortHeader column="created_at" label={columns.created} {...sortProps} />
            <SortHeader column="updated_at" label={columns.updated} {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id} data-ticket-id={ticket.id}>
              <Table.Td c="dimmed">{ticket.id}</Table.Td>
              {/* A zero max-width lets the subject take the space left by the other columns and truncate within it. */}
              <Table.Td style={{ maxWidth: 0, width: '100%' }}>
                <Anchor component={Link} to={`/tickets/${ticket.id}`} state={{ queueSearch: search }} title={ticket.subject} truncate="end" display="block" fz="sm">
                  {ticket.subject}
                </Anchor>
                <Text fz="xs" c="dimmed" truncate="end" data-testid="ticket-requester">
                  {[ticket.requester?.name ?? ticket.requester?.email, ticket.account?.name].filter(Boolean).join(' · ') || t.common.none}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={ticket.status} label={labelOf(vocabularies?.status, ticket.status)} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={ticket.priority} label={shortLabel(labelOf(vocabularies?.priority, ticket.priority))} title={labelOf(vocabularies?.priority, ticket.priority)} />
              </Table.Td>
              <Table.Td data-testid="ticket-impact">
                <ImpactBadge score={ticket.impactScore} />
              </Table.Td>
              <Table.Td miw={130}>
                <Text fz="sm" lineClamp={1} maw={150}>{labelOf(vocabularies?.category, ticket.category)}</Text>
                {ticket.component && <Text fz="xs" c="dimmed" lineClamp={1} maw={150} title={ticket.component.name}>{ticket.component.name}</Text>}
              </Table.Td>
              <Table.Td miw={110}>
                <Text fz="sm" lineClamp={1} maw={150}>{ticket.assignee?.name ?? t.common.none}</Text>
                {ticket.team && <Text fz="xs" c="dimmed" lineClamp={1} maw={150}>{ticket.team.name}</Text>}
              </Table.Td>
              <Table.Td fz="xs" style={noWrap}>{formatShortDateTime(ticket.createdAt)}</Table.Td>
              <Table.Td fz="xs" style={noWrap}>{formatShortDateTime(ticket.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
