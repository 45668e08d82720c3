import { useState } from 'react';
import { Alert, Button, Group, Paper, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { usePostMessage } from '../api/queries.ts';
import { t } from '../i18n/en.ts';
import { useReplyInsertion } from './SuggestedReplyChannel.tsx';

type Kind = 'public' | 'internal';

export function ReplyBox({ ticketId, canWrite }: { ticketId: number; canWrite: boolean }) {
  const [kind, setKind] = useState<Kind>('public');
  const [body, setBody] = useState('');
  const post = usePostMessage(ticketId);
  const internal = kind === 'internal';
  useReplyInsertion(ticketId, (text) => { setKind('public'); setBody(text); });

  function send() {
    post.mutate({ kind, body: body.trim() }, { onSuccess: () => setBody('') });
  }

  return (
    <Paper withBorder p="sm" bg={internal ? 'yellow.0' : undefined}>
      <Stack gap="xs">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          data={[
            { value: 'public', label: t.ticket.publicReply },
            { value: 'internal', label: t.ticket.internalNote },
          ]}
          w="fit-content"
          data-testid="reply-kind"
        />
        <Textarea
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          placeholder={internal ? t.ticket.notePlaceholder : t.ticket.replyPlaceholder}
          aria-label={internal ? t.ticket.internalNote : t.ticket.publicReply}
          autosize
          minRows={3}
          maxRows={12}
          disabled={!canWrite}
          data-testid="reply-body"
        />
        {post.isError && <Alert color="red" title={t.ticket.sendFailed}>{post.error.message}</Alert>}
        <Group justify="flex-end">
          <Button
            onClick={send}
            loading={post.isPending}
            disabled={!canWrite || body.trim() === ''}
            color={internal ? 'yellow' : undefined}
            data-testid="reply-send"
          >
            {internal ? t.ticket.addNote : t.ticket.sendReply}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
