import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchJobState } from '../../../gql/graphql';

const COLORS: Record<DispatchJobState, string> = {
  DRAFT: 'default',
  PLANNED: 'default',
  QUEUED: 'blue',
  SENDING: 'processing',
  PAUSED: 'warning',
  COMPLETED: 'success',
  CANCELLED: 'default',
  FAILED: 'error',
};

export function JobStateTag({ state, testId }: { state: DispatchJobState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
      {t(`dispatch.jobStates.${state}`)}
    </Tag>
  );
}
