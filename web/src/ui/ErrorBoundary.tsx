import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { t } from '../i18n/en.ts';

interface ErrorBoundaryProps {
  /** Names the part of the page in the fallback message, e.g. "Similar resolved tickets". */
  name?: string;
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches a rendering error below it and shows a short message in its place,
 * so one broken panel does not blank the whole page. "Try again" renders the
 * children anew, which helps once fresh data has arrived.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): ErrorBoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // The browser console is the only place a developer can see the component stack.
    console.error(error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) {
      return this.props.children;
    }

    return (
      <Alert color="red" title={this.props.name ? t.errorBoundary.panelFailed(this.props.name) : t.errorBoundary.pageFailed} data-testid="error-boundary">
        <Stack gap="xs" align="flex-start">
          <Text fz="sm">{error.message}</Text>
          <Button size="compact-xs" variant="light" color="red" onClick={() => this.setState({ error: null })}>{t.errorBoundary.retry}</Button>
        </Stack>
      </Alert>
    );
  }
}
