import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session.tsx';
import { Shell } from './layout/Shell.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ModelMetricsPage } from './pages/ModelMetricsPage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { TicketPage } from './pages/TicketPage.tsx';

export function App() {
  const { agent, loading } = useSession();
  const location = useLocation();

  if (loading) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }

  if (!agent) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="*" element={<Navigate to="/login" replace state={{ from: location }} />} />
      </Routes>
    );
  }

  return (
    <Routes>
      <Route element={<Shell agent={agent} />}>
        <Route path="/" element={<QueuePage />} />
        <Route path="/tickets/:id" element={<TicketPage />} />
        {agent.role === 'admin' && <Route path="/models" element={<ModelMetricsPage />} />}
      </Route>
      <Route path="/login" element={<Navigate to={returnPath(location.state)} replace />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

/** The page the agent asked for before being sent to the login page. */
function returnPath(state: unknown): string {
  const from = (state as { from?: { pathname: string; search: string } } | null)?.from;

  return from ? `${from.pathname}${from.search}` : '/';
}
