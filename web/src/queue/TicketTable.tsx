import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Ticket, Vocabularies } from '../api/types.ts';
import { formatShortDateTime, labelOf } from '../format.ts';
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

function SortHeader({ column, label, sort, onSort }: { column: SortableColumn; label: string } & Pick<TicketTableProps, 'sort' | 'onSort'>) {
  const active = sort.column === column;
  const arrow = active ? (sort.descending ? ' ↓' : ' ↑') : '';
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';

  return (
    <Table.Th aria-sort={ariaSort}>
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
    <Table.ScrollContainer minWidth={1300}>
      <Table striped highlightOnHover verticalSpacing="xs" fz="sm" data-testid="ticket-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{columns.id}</Table.Th>
            <Table.Th>{columns.subject}</Table.Th>
            <Table.Th>{columns.requester}</Table.Th>
            <Table.Th>{columns.account}</Table.Th>
            <SortHeader column="status" label={columns.status} {...sortProps} />
            <SortHeader column="priority" label={columns.priority} {...sortProps} />
            <SortHeader column="impact" label={columns.impact} {...sortProps} />
            <Table.Th>{columns.category}</Table.Th>
            <Table.Th>{columns.component}</Table.Th>
            <Table.Th>{columns.team}</Table.Th>
            <Table.Th>{columns.assignee}</Table.Th>
            <SortHeader column="created_at" label={columns.created} {...sortProps} />
            <SortHeader column="updated_at" label={columns.updated} {...sortProps} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Table.Tr key={ticket.id} data-ticket-id={ticket.id}>
              <Table.Td>{ticket.id}</Table.Td>
              <Table.Td miw={220} maw={360}>
                <Anchor component={Link} to={`/tickets/${ticket.id}`} state={{ queueSearch: search }} lineClamp={2} fz="sm">
                  {ticket.subject}
                </Anchor>
              </Table.Td>
              <Table.Td><Text fz="sm" lineClamp={2}>{ticket.requester?.name ?? ticket.requester?.email ?? t.common.none}</Text></Table.Td>
              <Table.Td><Text fz="sm" lineClamp={2}>{ticket.account?.name ?? t.common.none}</Text></Table.Td>
              <Table.Td>
                <StatusBadge status={ticket.status} label={labelOf(vocabularies?.status, ticket.status)} />
              </Table.Td>
              <Table.Td>
                <PriorityBadge priority={ticket.priority} label={labelOf(vocabularies?.priority, ticket.priority)} />
              </Table.Td>
              <Table.Td data-testid="ticket-impact">
                <ImpactBadge score={ticket.impactScore} />
              </Table.Td>
              <Table.Td>{labelOf(vocabularies?.category, ticket.category)}</Table.Td>
              <Table.Td>{ticket.component?.name ?? t.common.none}</Table.Td>
              <Table.Td>{ticket.team?.name ?? t.common.none}</Table.Td>
              <Table.Td>{ticket.assignee?.name ?? t.common.none}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(ticket.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatShortDateTime(ticket.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
