import type { ReactNode } from 'react';
import { Alert, Anchor, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTicketContext, useVocabularies } from '../api/queries.ts';
import { daysUntil, formatDate, formatMoney, labelOf, shortLabel } from '../format.ts';
import { PriorityBadge } from '../ui/badges.tsx';
import { t } from '../i18n/en.ts';

function healthColor(score: number): string {
  if (score < 40) {
    return 'red';
  }
  return score < 70 ? 'yellow' : 'teal';
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Table.Tr>
      <Table.Th w={110} fw={500} c="dimmed">{label}</Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

// A renewal that has passed or falls within this many days is shown in colour.
const renewalWarningDays = 30;

function RenewalDistance({ days }: { days: number }) {
  let color = 'dimmed';
  if (days < 0) {
    color = 'red';
  } else if (days <= renewalWarningDays) {
    color = 'orange';
  }

  return <Text span c={color} fz="xs"> ({t.context.renewsIn(days)})</Text>;
}

/** Shows the account behind the ticket: tier, ARR, renewal, health and its other tickets. */
export function ContextPanel({ ticketId }: { ticketId: number }) {
  const context = useTicketContext(ticketId);
  const vocabularies = useVocabularies();

  if (context.isPending) {
    return <Paper withBorder p="md"><Loader size="sm" /></Paper>;
  }
  if (context.isError) {
    return <Alert color="red" title={t.context.loadFailed}>{context.error.message}</Alert>;
  }

  const { account, otherTickets } = context.data;
  const renewalDays = account?.renewalDate ? account.renewalInDays ?? daysUntil(account.renewalDate) : null;

  return (
    <Paper withBorder p="md" data-testid="context-panel">
      <Stack gap="xs">
        <Title order={5}>{t.context.title}</Title>
        {!account && <Text c="dimmed" fz="sm">{t.context.noAccount}</Text>}
        {account && (
          <>
            <Text fw={600} data-testid="context-account">{account.name}</Text>
            <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
              <Table.Tbody>
                <Row label={t.context.tier} testId="context-tier">{labelOf(vocabularies.data?.tier, account.tier)}</Row>
                <Row label={t.context.arr} testId="context-arr">{formatMoney(account.arr, account.currency)}</Row>
                <Row label={t.context.renewal} testId="context-renewal">
                  {formatDate(account.renewalDate)}
                  {renewalDays !== null && Number.isFinite(renewalDays) && <RenewalDistance days={renewalDays} />}
                </Row>
                <Row label={t.context.health} testId="context-health">
                  {account.healthScore === null ? t.common.none : (
                    <Group gap="xs" wrap="nowrap">
                      <Text fz="sm" w={28}>{Math.round(account.healthScore)}</Text>
                      <Progress value={account.healthScore} color={healthColor(account.healthScore)} w={90} />
                    </Group>
                  )}
                </Row>
              </Table.Tbody>
            </Table>
            <Text fz="xs" c="dimmed" data-testid="context-open-tickets">{t.context.openTickets(account.openTickets)}</Text>
            <Text fw={500} fz="sm" mt="xs">{t.context.otherTickets}</Text>
            {otherTickets.length === 0 && <Text c="dimmed" fz="sm">{t.context.noOtherTickets}</Text>}
            <Stack gap={4} data-testid="context-other-tickets">
              {otherTickets.map((other) => (
                <Group key={other.id} gap="xs" wrap="nowrap">
                  <PriorityBadge size="xs" priority={other.priority} label={shortLabel(labelOf(vocabularies.data?.priority, other.priority))} title={labelOf(vocabularies.data?.priority, other.priority)} />
                  <Anchor component={Link} to={`/tickets/${other.id}`} fz="sm" lineClamp={1}>
                    #{other.id} {other.subject}
                  </Anchor>
                  <Text c="dimmed" fz="xs" style={{ whiteSpace: 'nowrap' }}>{labelOf(vocabularies.data?.status, other.status)}</Text>
                </Group>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  );
}
