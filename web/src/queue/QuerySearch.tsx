import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Autocomplete, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryFields } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { suggestQuery } from './querySuggest.ts';

interface QuerySearchProps {
  value: string;
  onSubmit: (query: string | null) => void;
}

/** Renders the queue's search bar, which takes free text or the query language and completes field names and values. */
export function QuerySearch({ value, onSubmit }: QuerySearchProps) {
  const fields = useQueryFields();
  const [text, setText] = useState(value);

  // Keeps the search box in step with the URL after back/forward navigation.
  useEffect(() => setText(value), [value]);

  const suggestions = useMemo(() => suggestQuery(text, fields.data ?? []), [text, fields.data]);
  const descriptions = useMemo(() => new Map(suggestions.map((suggestion) => [suggestion.value, suggestion])), [suggestions]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(text.trim() || null);
  }

  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap={4}>
        <Autocomplete
          label={t.queue.query}
          placeholder={t.queue.queryPlaceholder}
          value={text}
          onChange={setText}
          data={suggestions.map((suggestion) => suggestion.value)}
          // Suggestions are computed for the whole text, so Mantine's own substring filter must keep them all.
          filter={({ options }) => options}
          renderOption={({ option }) => {
            const suggestion = descriptions.get(option.value);
            return (
              <Stack gap={0}>
                <Text fz="sm" ff="monospace">{suggestion?.label ?? option.value}</Text>
                {suggestion && <Text fz="xs" c="dimmed">{suggestion.description}</Text>}
              </Stack>
            );
          }}
          w={420}
          data-testid="filter-q"
        />
        <Button type="submit" variant="light">{t.queue.searchSubmit}</Button>
      </Group>
    </form>
  );
}
