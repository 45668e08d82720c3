import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, browserTimeZone, toQueryString } from './client.ts';
import type {
  Account, AccountEvent, AccountUsage, Agent, AuditEntry, HealthHistory, ImpactBreakdown, ListOf, Message, QueryField, Ref, SavedView,
  Ticket, TicketContext, TicketPage, Vocabularies,
} from './types.ts';

// Directory data changes rarely, so it is cached for five minutes.
const directoryStaleMs = 5 * 60_000;

export const queryKeys = {
  tickets: ['tickets'] as const,
  ticket: (id: number) => ['ticket', id] as const,
  messages: (id: number) => ['ticket', id, 'messages'] as const,
  context: (id: number) => ['ticket', id, 'context'] as const,
  audit: (id: number) => ['ticket', id, 'audit'] as const,
  impact: (id: number) => ['ticket', id, 'impact'] as const,
  views: ['views'] as const,
};

export function useVocabularies() {
  return useQuery({
    queryKey: ['vocabularies'],
    queryFn: () => api.get<Vocabularies>('/vocabularies'),
    staleTime: directoryStaleMs,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: ['agents'],
    queryFn: () => api.get<ListOf<Agent>>('/agents'),
    staleTime: directoryStaleMs,
    select: (data) => data.items,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: () => api.get<ListOf<Ref>>('/teams'),
    staleTime: directoryStaleMs,
    select: (data) => data.items,
  });
}

export function useComponents() {
  return useQuery({
    queryKey: ['components'],
    queryFn: () => api.get<ListOf<Ref>>('/components'),
    staleTime: directoryStaleMs,
    select: (data) => data.items,
  });
}

export function useAccountSearch(search: string) {
  return useQuery({
    queryKey: ['accounts', search],
    queryFn: () => api.get<ListOf<Account>>(`/accounts${toQueryString({ q: search, limit: 20 })}`),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

export function useAccount(id: number | null) {
  return useQuery({
    queryKey: ['account', id],
    queryFn: () => api.get<Account>(`/accounts/${id}`),
    enabled: id !== null,
    staleTime: directoryStaleMs,
  });
}

/** Fetches one page of the queue; `params` are the API's filter, sort and cursor parameters. */
export function useTicketPage(params: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [...queryKeys.tickets, params],
    queryFn: () => api.get<TicketPage>(`/tickets${toQueryString({ ...params, tz: browserTimeZone() })}`),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.ticket(id),
    queryFn: () => api.get<Ticket>(`/tickets/${id}`),
  });
}

export function useMessages(id: number) {
  return useQuery({
    queryKey: queryKeys.messages(id),
    queryFn: () => api.get<ListOf<Message>>(`/tickets/${id}/messages`),
    select: (data) => data.items,
  });
}

export function useTicketContext(id: number) {
  return useQuery({
    queryKey: queryKeys.context(id),
    queryFn: () => api.get<TicketContext>(`/tickets/${id}/context`),
  });
}

export function useAudit(id: number, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.audit(id),
    queryFn: () => api.get<ListOf<AuditEntry>>(`/tickets/${id}/audit`),
    enabled,
    select: (data) => data.items,
  });
}

export function usePostMessage(ticketId: number) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (input: { kind: 'public' | 'internal'; body: string }) =>
      api.post<Message>(`/tickets/${ticketId}/messages`, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
      void client.invalidateQueries({ queryKey: queryKeys.tickets });
    },
  });
}

export type TicketChanges = Partial<{
  status: string;
  priority: string;
  category: string | null;
  component: string | null;
  team: string | null;
  assigneeId: number | null;
}>;

export function useUpdateTicket(ticketId: number) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (input: TicketChanges & { version: number }) => api.patch<Ticket>(`/tickets/${ticketId}`, input),
    onSuccess: (ticket) => {
      client.setQueryData(queryKeys.ticket(ticketId), ticket);
      void client.invalidateQueries({ queryKey: queryKeys.audit(ticketId) });
      void client.invalidateQueries({ queryKey: queryKeys.impact(ticketId) });
      void client.invalidateQueries({ queryKey: queryKeys.tickets });
    },
  });
}

export function useImpact(ticketId: number) {
  return useQuery({
    queryKey: queryKeys.impact(ticketId),
    queryFn: () => api.get<ImpactBreakdown>(`/tickets/${ticketId}/impact`),
  });
}

export function useViews() {
  return useQuery({
    queryKey: queryKeys.views,
    queryFn: () => api.get<ListOf<SavedView>>(`/views${toQueryString({ counts: 'true', tz: browserTimeZone() })}`),
    select: (data) => data.items,
  });
}

export function useCreateView() {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (input: { name: string; query: string; sort: string | null; shared: boolean }) => api.post<SavedView>('/views', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.views }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();

  return useMutation({
    mutationFn: (id: number) => api.delete<void>(`/views/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: queryKeys.views }),
  });
}

export function useQueryFields() {
  return useQuery({
    queryKey: ['query-fields'],
    queryFn: () => api.get<ListOf<QueryField>>('/query/fields'),
    staleTime: directoryStaleMs,
    select: (data) => data.items,
  });
}

/** Fetches an optional account panel source; a 404 (endpoint or account missing) yields null so the panel can hide itself. */
async function getOptional<T>(path: string): Promise<T | null> {
  try {
    return await api.get<T>(path);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

export function useHealthHistory(accountId: number | null) {
  return useQuery({
    queryKey: ['account', accountId, 'health'],
    queryFn: () => getOptional<HealthHistory>(`/accounts/${accountId}/health?limit=30`),
    enabled: accountId !== null,
  });
}

export function useUsage(accountId: number | null) {
  return useQuery({
    queryKey: ['account', accountId, 'usage'],
    queryFn: () => getOptional<AccountUsage>(`/accounts/${accountId}/usage`),
    enabled: accountId !== null,
  });
}

/** Lists the account's last events before `before` (the ticket's creation). */
export function useEventsBefore(accountId: number | null, before: string) {
  return useQuery({
    queryKey: ['account', accountId, 'events', before],
    queryFn: () => getOptional<ListOf<AccountEvent>>(`/accounts/${accountId}/events${toQueryString({ before, limit: 8 })}`),
    enabled: accountId !== null,
  });
}
