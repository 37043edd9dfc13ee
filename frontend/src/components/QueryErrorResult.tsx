import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { isForbidden } from '../lib/graphql';

/** Shows a failed query: "no permission" for FORBIDDEN, otherwise a retryable error. */
export function QueryErrorResult({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isForbidden(error)) {
    return <Result status="403" title={t('common.forbidden.title')} subTitle={t('common.forbidden.description')} />;
  }
  return (
    <Result
      status="error"
      title={t('common.errors.loadFailed')}
      subTitle={error.networkError ? t('common.errors.network') : error.message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.actions.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
