import { createContext, useContext, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Agent, Session } from '../api/types.ts';

interface SessionState {
  agent: Agent | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const sessionKey = ['session'];

/** Loads the signed-in agent from GET /auth/me; a 401 means no session and shows the login page. */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);

    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const session = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: false });

  const loginMutation = useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Session>('/auth/login', input),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      client.setQueryData(sessionKey, result);
    },
  });

  const logoutMutation = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(sessionKey, null);
    },
  });

  const state: SessionState = {
    agent: session.data?.agent ?? null,
    loading: session.isPending,
    login: async (email, password) => {
      await loginMutation.mutateAsync({ email, password });
    },
    logout: async () => {
      await logoutMutation.mutateAsync();
    },
  };

  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) {
    throw new Error('useSession must be used inside SessionProvider');
  }
  return state;
}
