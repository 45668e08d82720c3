import { Button, Group, MultiSelect, Select } from '@mantine/core';
import type { Term } from '../api/types.ts';
import { useAgents, useComponents, useTeams, useVocabularies } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { AccountSelect } from './AccountSelect.tsx';
import { QuerySearch } from './QuerySearch.tsx';
import { hasFilters, readList, withFilter, withoutFilters, type MultiValueFilter } from './filters.ts';

interface QueueFiltersProps {
  search: URLSearchParams;
  onChange: (next: URLSearchParams) => void;
}

function termOptions(terms: Term[] | undefined) {
  return (terms ?? []).filter((term) => term.active).map((term) => ({ value: term.key, label: term.label }));
}

export function QueueFilters({ search, onChange }: QueueFiltersProps) {
  const vocabularies = useVocabularies();
  const agents = useAgents();
  const teams = useTeams();
  const components = useComponents();
  const set = (name: string, value: string | string[] | null) => onChange(withFilter(search, name, value));

  const multi = (name: MultiValueFilter, label: string) => (
    <MultiSelect
      label={label}
      placeholder={readList(search, name).length ? undefined : t.queue.filters.any}
      data={termOptions(vocabularies.data?.[name])}
      value={readList(search, name)}
      onChange={(values) => set(name, values)}
      clearable
      w={230}
      data-testid={`filter-${name}`}
    />
  );

  const assigneeOptions = [
    { value: 'me', label: t.queue.filters.me },
    { value: 'none', label: t.queue.filters.unassigned },
    ...(agents.data ?? []).map((agent) => ({ value: String(agent.id), label: agent.name })),
  ];

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <QuerySearch value={search.get('q') ?? ''} onSubmit={(query) => set('q', query)} />
      {multi('status', t.queue.filters.status)}
      {multi('priority', t.queue.filters.priority)}
      {multi('category', t.queue.filters.category)}
      <Select
        label={t.queue.filters.component}
        placeholder={t.queue.filters.any}
        data={(components.data ?? []).map((item) => ({ value: item.key, label: item.name }))}
        value={search.get('component')}
        onChange={(value) => set('component', value)}
        clearable
        searchable
        w={170}
        data-testid="filter-component"
      />
      <Select
        label={t.queue.filters.team}
        placeholder={t.queue.filters.any}
        data={(teams.data ?? []).map((item) => ({ value: item.key, label: item.name }))}
        value={search.get('team')}
        onChange={(value) => set('team', value)}
        clearable
        w={160}
        data-testid="filter-team"
      />
      <Select
        label={t.queue.filters.assignee}
        placeholder={t.queue.filters.any}
        data={assigneeOptions}
        value={search.get('assignee')}
        onChange={(value) => set('assignee', value)}
        clearable
        searchable
        w={170}
        data-testid="filter-assignee"
      />
      <AccountSelect value={search.get('account')} onChange={(value) => set('account', value)} />
      {hasFilters(search) && (
        <Button variant="subtle" onClick={() => onChange(withoutFilters(search))}>{t.queue.clearFilters}</Button>
      )}
    </Group>
  );
}
