import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Code, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { SavedView } from '../api/types.ts';
import { useCreateView } from '../api/queries.ts';
import { useSession } from '../auth/session.tsx';
import { t } from '../i18n/en.ts';
import { toQueryLanguage } from './filters.ts';

/** Saves the queue's current filters, search and sort as a view; only admins may share it. */
export function SaveViewButton({ search, onSaved }: { search: URLSearchParams; onSaved: (view: SavedView) => void }) {
  const { agent } = useSession();
  const create = useCreateView();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const query = toQueryLanguage(search);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: name.trim(), query, sort: search.get('sort'), shared }, {
      onSuccess: (view) => {
        setOpen(false);
        setName('');
        onSaved(view);
      },
    });
  }

  return (
    <>
      <Button variant="light" size="xs" mt="xs" onClick={() => { create.reset(); setOpen(true); }} data-testid="save-view">{t.views.save}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t.views.saveTitle}>
        <form onSubmit={submit}>
          <Stack gap="sm">
            {query && <Code block>{query}</Code>}
            <TextInput label={t.views.name} value={name} onChange={(event) => setName(event.currentTarget.value)} required data-autofocus data-testid="view-name" />
            {agent?.role === 'admin' && <Checkbox label={t.views.share} checked={shared} onChange={(event) => setShared(event.currentTarget.checked)} />}
            {create.isError && <Alert color="red">{create.error.message}</Alert>}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(false)}>{t.views.cancel}</Button>
              <Button type="submit" loading={create.isPending} data-testid="view-submit">{t.views.submit}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
