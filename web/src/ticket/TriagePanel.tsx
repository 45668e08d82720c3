import { Alert, Badge, Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { queryKeys, useComponents, useTeams, useVocabularies } from '../api/queries.ts';
import type { ListOf, Ref, Term, Ticket } from '../api/types.ts';
import { labelOf } from '../format.ts';
import { t } from '../i18n/en.ts';

interface Prediction {
  id: number;
  field: string;
  value: string | null;
  confidence: number;
  score: number | null;
  model: { id: number; version: number } | null;
  explanation: { term: string; kind: string; weight: number }[];
  status: 'applied' | 'suggested' | 'accepted' | 'corrected' | 'rejected' | 'abstained';
  correctedValue: string | null;
}

type Decision = { kind: 'accept' | 'reject'; prediction: Prediction } | { kind: 'correct'; prediction: Prediction; value: string };

const statusColors: Record<Prediction['status'], string> = {
  applied: 'violet', suggested: 'blue', accepted: 'green', corrected: 'orange', rejected: 'gray', abstained: 'gray',
};

const signalFields = new Set(['language', 'sentiment']);

function predictionsKey(ticketId: number) {
  return ['ticket', ticketId, 'predictions'] as const;
}

function usePredictions(ticketId: number) {
  return useQuery({
    queryKey: predictionsKey(ticketId),
    queryFn: () => api.get<ListOf<Prediction>>(`/tickets/${ticketId}/predictions`),
    select: (data) => data.items,
  });
}

function useTriageFields() {
  return useQuery({
    queryKey: ['triage', 'fields'],
    queryFn: () => api.get<ListOf<{ field: string; values: string[] }>>('/triage/fields'),
    staleTime: 5 * 60_000,
    select: (data) => new Map(data.items.map((item) => [item.field, item.values])),
  });
}

function useDecision(ticket: Ticket) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (decision: Decision) => {
      const path = `/tickets/${ticket.id}/predictions/${decision.prediction.id}/${decision.kind}`;
      if (decision.kind === 'reject') return api.post(path);
      return api.post(path, decision.kind === 'correct' ? { value: decision.value, version: ticket.version } : { version: ticket.version });
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: predictionsKey(ticket.id) });
      void client.invalidateQueries({ queryKey: queryKeys.ticket(ticket.id) });
      void client.invalidateQueries({ queryKey: queryKeys.audit(ticket.id) });
    },
  });
}

/** Picks the newest prediction of each field, in the order the fields were predicted. */
function latestPerField(predictions: Prediction[]): Prediction[] {
  const latest = new Map<string, Prediction>();
  for (const prediction of predictions) {
    if (!latest.has(prediction.field)) latest.set(prediction.field, prediction);
  }
  return [...latest.values()].reverse();
}

/** Side panel of the model's predictions for a ticket, with one-click accept, correct and reject. */
export function TriagePanel({ ticket, canWrite }: { ticket: Ticket; canWrite: boolean }) {
  const predictions = usePredictions(ticket.id);
  const fields = useTriageFields();
  const decision = useDecision(ticket);

  if (predictions.isPending) return <Loader size="sm" />;
  if (predictions.isError) return <Alert color="red" title={t.triage.loadFailed}>{predictions.error.message}</Alert>;

  const latest = latestPerField(predictions.data);
  const language = latest.find((item) => item.field === 'language');
  const sentiment = latest.find((item) => item.field === 'sentiment');
  const fieldPredictions = latest.filter((item) => !signalFields.has(item.field));

  return (
    <Paper withBorder p="md" data-testid="triage-panel">
      <Stack gap="sm">
        <Title order={5}>{t.triage.title}</Title>
        {(language || sentiment) && (
          <Text fz="xs" c="dimmed" data-testid="triage-signals">
            {t.triage.signals(language?.value ?? t.common.none, sentiment?.value ? t.triage.sentimentValue(sentiment.value, sentiment.score ?? 0) : t.common.none)}
          </Text>
        )}
        {decision.isError && <Alert color="red" title={t.triage.decisionFailed} role="alert">{decision.error.message}</Alert>}
        {fieldPredictions.length === 0 && <Text fz="sm" c="dimmed">{t.triage.none}</Text>}
        {fieldPredictions.map((prediction) => (
          <PredictionRow
            key={prediction.id}
            prediction={prediction}
            values={fields.data?.get(prediction.field) ?? []}
            canDecide={canWrite && !decision.isPending}
            onDecide={(next) => decision.mutate(next)}
          />
        ))}
      </Stack>
    </Paper>
  );
}

/** Returns the labels of a predicted field's values: vocabulary terms, or component and team names by key. */
function usePredictionTerms(field: string): Term[] | undefined {
  const vocabularies = useVocabularies();
  const components = useComponents();
  const teams = useTeams();
  let refs: Ref[] | undefined;
  if (field === 'component') {
    refs = components.data;
  } else if (field === 'team') {
    refs = teams.data;
  }
  if (refs) {
    return refs.map((ref, position) => ({ key: ref.key, label: ref.name, position, active: true }));
  }

  return field === 'category' || field === 'priority' ? vocabularies.data?.[field] : undefined;
}

interface PredictionRowProps {
  prediction: Prediction;
  values: string[];
  canDecide: boolean;
  onDecide: (decision: Decision) => void;
}

function PredictionRow({ prediction, values, canDecide, onDecide }: PredictionRowProps) {
  const terms = usePredictionTerms(prediction.field);
  const shown = prediction.correctedValue ?? prediction.value;
  const open = prediction.status === 'suggested' || prediction.status === 'applied' || prediction.status === 'abstained';
  const choices = values.filter((value) => value !== prediction.value).map((value) => ({ value, label: labelOf(terms, value) }));

  return (
    <Stack gap={4} data-testid={`prediction-${prediction.field}`}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text fz="sm" fw={600}>{t.triage.fields[prediction.field] ?? prediction.field}</Text>
        <Badge variant="light" color={statusColors[prediction.status]} data-testid="prediction-status">{t.triage.statuses[prediction.status]}</Badge>
      </Group>
      {shown && (
        <Group gap="xs">
          <Text fz="sm" data-testid="prediction-value">{labelOf(terms, shown)}</Text>
          <Text fz="xs" c="dimmed">{t.triage.confidence(prediction.confidence)}</Text>
          {prediction.model && <Text fz="xs" c="dimmed">{t.triage.modelVersion(prediction.model.version)}</Text>}
        </Group>
      )}
      {prediction.explanation.length > 0 && (
        <Text fz="xs" c="dimmed">{t.triage.why(prediction.explanation.map((term) => term.term).join(', '))}</Text>
      )}
      {open && canDecide && (
        <Group gap="xs" wrap="nowrap">
          {prediction.status === 'suggested' && prediction.value && (
            <Button size="compact-xs" onClick={() => onDecide({ kind: 'accept', prediction })} data-testid="prediction-accept">{t.triage.accept}</Button>
          )}
          {prediction.status === 'applied' && (
            <Button size="compact-xs" variant="light" onClick={() => onDecide({ kind: 'accept', prediction })}>{t.triage.keep}</Button>
          )}
          <Select
            size="xs"
            placeholder={prediction.status === 'applied' ? t.triage.undoPlaceholder : t.triage.correctPlaceholder}
            data={choices}
            value={null}
            searchable
            onChange={(value) => value && onDecide({ kind: 'correct', prediction, value })}
            data-testid="prediction-correct"
            style={{ flex: 1 }}
          />
          {prediction.status === 'suggested' && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onDecide({ kind: 'reject', prediction })}>{t.triage.reject}</Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
