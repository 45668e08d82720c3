import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Message } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n/en.ts';

function authorName(message: Message): string {
  if (message.author?.name) {
    return message.author.name;
  }
  if (message.authorKind === 'system') {
    return t.ticket.system;
  }
  return t.ticket.unknownAuthor;
}

function authorRole(message: Message): string {
  return { customer: t.ticket.customer, agent: t.ticket.agent, system: t.ticket.system }[message.authorKind];
}

/** Public replies sit on white with the author's role; internal notes are yellow and labelled, so a note is never mistaken for something the customer saw. */
export function Conversation({ messages }: { messages: Message[] }) {
  if (messages.length === 0) {
    return <Text c="dimmed">{t.ticket.noMessages}</Text>;
  }

  return (
    <Stack gap="sm" data-testid="conversation">
      {messages.map((message) => {
        const internal = message.kind === 'internal';

        return (
          <Paper
            key={message.id}
            withBorder
            p="sm"
            bg={internal ? 'yellow.0' : message.authorKind === 'customer' ? 'white' : 'indigo.0'}
            style={internal ? { borderColor: 'var(--mantine-color-yellow-5)', borderStyle: 'dashed' } : undefined}
            data-testid="message"
            data-kind={message.kind}
            data-message-id={message.id}
          >
            <Group justify="space-between" mb={4}>
              <Group gap="xs">
                <Text fw={600} fz="sm">{authorName(message)}</Text>
                <Text c="dimmed" fz="xs">{authorRole(message)}</Text>
                {internal && <Badge color="yellow" variant="filled" size="sm">{t.ticket.internalNote}</Badge>}
              </Group>
              <Text c="dimmed" fz="xs">{formatDateTime(message.createdAt)}</Text>
            </Group>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</Text>
          </Paper>
        );
      })}
    </Stack>
  );
}
