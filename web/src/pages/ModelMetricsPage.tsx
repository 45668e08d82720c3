import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { formatDateTime } from '../format.ts';
import { t } from '../i18n/en.ts';

interface ModelVersion {
  id: number;
  version: number;
  trainedAt: string;
  exampleCount: number;
  threshold: number | null;
  metrics: { accuracy: number; macroF1: number; coverage: number; precision: number; targetPrecision: number };
}

interface FieldOverview {
  field: string;
  active: ModelVersion | null;
  previous: ModelVersion | null;
  statusCounts: Record<string, number>;
  weekly: { week: string; accepted: number; corrected: number; rejected: number }[];
}

const modelsKey = ['triage', 'models'] as const;

/** How often the page requests new versions after "Train now", and for how long. */
const trainPollMs = 3_000;
const trainPollLimitMs = 180_000;

/** Tells whether a model version trained after `since` (epoch ms) has become active. */
function trainedSince(fields: FieldOverview[] | undefined, since: number): boolean {
  return (fields ?? []).some((field) => field.active !== null && Date.parse(field.active.trainedAt) >= since);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Admin page of the triage models: per field the active version's held-out metrics, live decisions and rollback. */
export function ModelMetricsPage() {
  const client = useQueryClient();
  const [trainRequestedAt, setTrainRequestedAt] = useState<number | null>(null);
  const models = useQuery({
    queryKey: modelsKey,
    queryFn: () => api.get<{ fields: FieldOverview[] }>('/triage/models'),
    // After "Train now", poll until a new version is active, because the worker trains in the background.
    refetchInterval: (query) => {
      if (trainRequestedAt === null || Date.now() - trainRequestedAt > trainPollLimitMs) return false;
      return trainedSince(query.state.data?.fields, trainRequestedAt) ? false : trainPollMs;
    },
  });
  const activate = useMutation({
    mutationFn: (id: number) => api.post(`/triage/models/${id}/activate`),
    onSettled: () => void client.invalidateQueries({ queryKey: modelsKey }),
  });
  const train = useMutation({
    mutationFn: () => api.post('/triage/train'),
    onSuccess: () => setTrainRequestedAt(Date.now()),
  });

  if (models.isPending) return <Loader />;
  if (models.isError) return <Alert color="red" title={t.models.loadFailed}>{models.error.message}</Alert>;

  const fields = models.data.fields;
  const target = fields.find((field) => field.active)?.active?.metrics.targetPrecision;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t.models.title}</Title>
        <Button size="xs" onClick={() => train.mutate()} loading={train.isPending}>{t.models.trainNow}</Button>
      </Group>
      {train.isSuccess && !trainedSince(fields, trainRequestedAt ?? Infinity) && <Alert color="blue">{t.models.trainQueued}</Alert>}
      {train.isError && <Alert color="red" title={t.models.trainFailed}>{train.error.message}</Alert>}
      {activate.isError && <Alert color="red" title={t.models.activateFailed}>{activate.error.message}</Alert>}
      {target !== undefined && <Text fz="sm" c="dimmed">{t.models.targetPrecision(target)}</Text>}
      <Table striped withTableBorder data-testid="models-table">
        <Table.Thead>
          <Table.Tr>
            {Object.values(t.models.columns).map((label) => <Table.Th key={label}>{label}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <FieldRow key={field.field} field={field} onActivate={(id) => activate.mutate(id)} busy={activate.isPending} />
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{t.models.weekly}</Title>
      {fields.map((field) => (
        <Stack key={field.field} gap={2}>
          <Text fw={600} fz="sm">{t.triage.fields[field.field] ?? field.field}</Text>
          {field.weekly.length === 0 && <Text fz="xs" c="dimmed">{t.models.noDecisions}</Text>}
          {field.weekly.map((week) => <Text key={week.week} fz="xs">{t.models.weekRow(week.week, week.accepted, week.corrected, week.rejected)}</Text>)}
        </Stack>
      ))}
    </Stack>
  );
}

function FieldRow({ field, onActivate, busy }: { field: FieldOverview; onActivate: (id: number) => void; busy: boolean }) {
  const { active, previous, statusCounts } = field;
  const count = (status: string) => statusCounts[status] ?? 0;

  if (!active) {
    return (
      <Table.Tr>
        <Table.Td>{t.triage.fields[field.field] ?? field.field}</Table.Td>
        <Table.Td colSpan={9}><Text fz="sm" c="dimmed">{t.models.noModel}</Text></Table.Td>
      </Table.Tr>
    );
  }

  return (
    <Table.Tr>
      <Table.Td>{t.triage.fields[field.field] ?? field.field}</Table.Td>
      <Table.Td>v{active.version}</Table.Td>
      <Table.Td>{formatDateTime(active.trainedAt)}</Table.Td>
      <Table.Td>{active.exampleCount}</Table.Td>
      <Table.Td>{percent(active.metrics.accuracy)}</Table.Td>
      <Table.Td>{active.metrics.macroF1.toFixed(3)}</Table.Td>
      <Table.Td>{percent(active.metrics.coverage)}</Table.Td>
      <Table.Td>{active.threshold === null ? t.common.none : active.threshold.toFixed(5)}</Table.Td>
      <Table.Td>{`${count('applied')} / ${count('suggested')} / ${count('accepted')} / ${count('corrected')}`}</Table.Td>
      <Table.Td>
        {previous ? (
          <Button size="compact-xs" variant="light" disabled={busy} onClick={() => onActivate(previous.id)}>{t.models.activate(previous.version)}</Button>
        ) : t.common.none}
      </Table.Td>
    </Table.Tr>
  );
}
