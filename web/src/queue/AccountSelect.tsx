import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useAccount, useAccountSearch } from '../api/queries.ts';
import { t } from '../i18n/en.ts';

interface AccountSelectProps {
  value: string | null;
  onChange: (accountId: string | null) => void;
}

/** A searchable account filter: the typed text goes to GET /accounts?q= after a short pause. */
export function AccountSelect({ value, onChange }: AccountSelectProps) {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const results = useAccountSearch(debouncedSearch);
  const selected = useAccount(value ? Number(value) : null);

  const options = (results.data ?? []).map((account) => ({ value: String(account.id), label: account.name }));
  if (value && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: selected.data?.name ?? `#${value}` });
  }

  return (
    <Select
      label={t.queue.filters.account}
      placeholder={t.queue.filters.accountSearch}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isFetching ? t.common.loading : undefined}
      w={200}
      data-testid="filter-account"
    />
  );
}
