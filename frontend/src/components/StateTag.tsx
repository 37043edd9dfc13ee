import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchJobState, DispatchRecipientState } from '../gql/graphql';

/** Tag colour (antd preset or status) of each job state: the send pages, the history list and wherever a job shows. */
export const JOB_STATE_COLORS: Record<DispatchJobState, string> = {
  DRAFT: 'default',
  PLANNED: 'default',
  QUEUED: 'blue',
  SENDING: 'processing',
  PAUSED: 'warning',
  COMPLETED: 'success',
  CANCELLED: 'default',
  FAILED: 'error',
};

/** Tag colour of each recipient state. */
export const RECIPIENT_STATE_COLORS: Record<DispatchRecipientState, string> = {
  DELIVERED: 'success',
  SENT: 'green',
  USER_BLOCKED: 'orange',
  SYSTEM_FAILED: 'red',
  FAILED: 'error',
  SKIPPED: 'default',
  IN_DOUBT: 'purple',
  SENDING: 'processing',
  QUEUED: 'default',
};

/** Fill colour of each recipient state in outcome bars (the same hues as its tag). */
export const RECIPIENT_STATE_FILLS: Record<DispatchRecipientState, string> = {
  DELIVERED: '#52c41a',
  SENT: '#95de64',
  USER_BLOCKED: '#fa8c16',
  SYSTEM_FAILED: '#f5222d',
  FAILED: '#a8071a',
  SKIPPED: '#8c8c8c',
  IN_DOUBT: '#722ed1',
  SENDING: '#1677ff',
  QUEUED: '#d9d9d9',
};

/** A job's state as a coloured tag, labelled in the UI's language (`dispatch.jobStates.*`). */
export function JobStateTag({ state, testId }: { state: DispatchJobState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={JOB_STATE_COLORS[state]} data-testid={testId} data-state={state}>
      {t(`dispatch.jobStates.${state}`)}
    </Tag>
  );
}

/** A recipient's state as a coloured tag, labelled in the UI's language (`dispatch.recipientStates.*`). */
export function RecipientStateTag({ state, testId }: { state: DispatchRecipientState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={RECIPIENT_STATE_COLORS[state]} data-testid={testId} data-state={state}>
      {t(`dispatch.recipientStates.${state}`)}
    </Tag>
  );
}
