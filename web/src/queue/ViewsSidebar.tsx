import { ActionIcon, Alert, Badge, Group, Loader, NavLink, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { SavedView } from '../api/types.ts';
import { useDeleteView, useViews } from '../api/queries.ts';
import { useSession } from '../auth/session.tsx';
import { t } from '../i18n/en.ts';
import { SaveViewButton } from './SaveViewButton.tsx';
import { withSavedView, withoutFilters } from './filters.ts';

interface ViewsSidebarProps {
  search: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}

function CountBadge({ view }: { view: SavedView }) {
  const badge = <Badge variant="light" color={view.countError ? 'red' : 'gray'} data-testid="view-count">{t.views.count(view.count, view.countCapped)}</Badge>;

  return view.countError ? <Tooltip label={t.views.brokenQuery}>{badge}</Tooltip> : badge;
}

/** Lists the shared and personal saved views with their ticket counts; a click opens a view in the queue. */
export function ViewsSidebar({ search, onChange }: ViewsSidebarProps) {
  const views = useViews();
  const remove = useDeleteView();
  const { agent } = useSession();
  const active = search.get('view');

  const item = (view: SavedView) => {
    const mayDelete = !view.shared || agent?.role === 'admin';
    return (
      <NavLink
        key={view.id}
        active={active === String(view.id)}
        label={<Text fz="sm" lineClamp={1}>{view.name}</Text>}
        description={view.query || undefined}
        onClick={() => onChange(withSavedView(search, view))}
        data-testid={`view-${view.id}`}
        rightSection={(
          <Group gap={4} wrap="nowrap">
            <CountBadge view={view} />
            {mayDelete && (
              <ActionIcon
                variant="subtle" color="gray" size="xs" aria-label={t.views.remove(view.name)}
                onClick={(event) => { event.stopPropagation(); remove.mutate(view.id); }}
              >×</ActionIcon>
            )}
          </Group>
        )}
      />
    );
  };

  const shared = (views.data ?? []).filter((view) => view.shared);
  const personal = (views.data ?? []).filter((view) => !view.shared);

  return (
    <Paper withBorder p="xs" data-testid="views-sidebar">
      <Stack gap={4}>
        <Title order={6} px="xs">{t.views.title}</Title>
        <NavLink label={t.views.all} active={!active && !search.get('q')} onClick={() => onChange(withoutFilters(search))} />
        {views.isPending && <Loader size="xs" m="xs" />}
        {views.isError && <Alert color="red" title={t.views.loadFailed}>{views.error.message}</Alert>}
        {shared.length > 0 && <Text fz="xs" c="dimmed" px="xs" mt="xs">{t.views.shared}</Text>}
        {shared.map(item)}
        {personal.length > 0 && <Text fz="xs" c="dimmed" px="xs" mt="xs">{t.views.personal}</Text>}
        {personal.map(item)}
        {views.data?.length === 0 && <Text fz="xs" c="dimmed" px="xs">{t.views.empty}</Text>}
        <SaveViewButton search={search} onSaved={(view) => onChange(withSavedView(search, view))} />
      </Stack>
    </Paper>
  );
}
