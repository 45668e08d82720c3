import { useRef } from 'react';
import { Alert, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTicketPage, useVocabularies } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { QueueFilters } from '../queue/QueueFilters.tsx';
import { TicketTable } from '../queue/TicketTable.tsx';
import { ViewsSidebar } from '../queue/ViewsSidebar.tsx';
import { bareWords, readSort, toTicketQuery, withSort } from '../queue/filters.ts';

export function QueuePage() {
  const [search, setSearch] = useSearchParams();
  const vocabularies = useVocabularies();
  const page = useTicketPage(toTicketQuery(search));

  // Cursors of the pages before the current one, for "Previous". They are not
  // in the URL, so after a reload "Previous" returns to the first page.
  const previousCursors = useRef<string[]>([]);

  function changeView(next: URLSearchParams) {
    previousCursors.current = [];
    setSearch(next);
  }

  function goToCursor(cursor: string | null) {
    const next = new URLSearchParams(search);
    if (cursor) {
      next.set('cursor', cursor);
    } else {
      next.delete('cursor');
    }
    setSearch(next);
  }

  function nextPage() {
    previousCursors.current.push(search.get('cursor') ?? '');
    goToCursor(page.data?.nextCursor ?? null);
  }

  function previousPage() {
    goToCursor(previousCursors.current.pop() || null);
  }

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 2 }}>
        <ViewsSidebar search={search} onChange={changeView} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 10 }}>
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={3}>{t.queue.title}</Title>
            <Group gap="xs">
              {page.isFetching && <Loader size="xs" />}
              {page.data && <Text c="dimmed" data-testid="ticket-total">{t.queue.total(page.data.total, page.data.totalCapped)}</Text>}
            </Group>
          </Group>
          <QueueFilters search={search} onChange={changeView} />
          {page.isError && (
            <Alert color="red" title={t.queue.loadFailed}>{page.error.message}</Alert>
          )}
          <Paper withBorder>
            {page.isPending && <Loader m="md" />}
            {page.data && page.data.items.length === 0 && (
              <Stack gap={4} p="md">
                <Text c="dimmed">{t.queue.empty}</Text>
                {bareWords(search.get('q')).length > 0 && <Text fz="sm" c="dimmed" data-testid="search-hint">{t.queue.searchHint}</Text>}
              </Stack>
            )}
            {page.data && page.data.items.length > 0 && (
              <TicketTable
                tickets={page.data.items}
                vocabularies={vocabularies.data}
                sort={readSort(search)}
                onSort={(column) => changeView(withSort(search, column))}
              />
            )}
          </Paper>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" disabled={!search.get('cursor')} onClick={previousPage}>{t.queue.previous}</Button>
            <Button variant="default" disabled={!page.data?.nextCursor} onClick={nextPage}>{t.queue.next}</Button>
          </Group>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
