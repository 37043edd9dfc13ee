import { Button, Result } from 'antd';
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { withTranslation } from 'react-i18next';
import type { WithTranslation } from 'react-i18next';

interface Props extends WithTranslation {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Catches render errors so one broken page does not blank the whole app. */
class ErrorBoundaryInner extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Unexpected UI error', error, info.componentStack);
  }

  render() {
    const { t, children } = this.props;
    if (this.state.error) {
      return (
        <Result
          status="error"
          title={t('common.errors.unexpected')}
          subTitle={this.state.error.message}
          extra={
            <Button type="primary" onClick={() => window.location.reload()}>
              {t('common.actions.reload')}
            </Button>
          }
        />
      );
    }
    return children;
  }
}

export const ErrorBoundary = withTranslation()(ErrorBoundaryInner);
