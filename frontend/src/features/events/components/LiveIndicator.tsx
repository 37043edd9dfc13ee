import { Badge, Button, Space } from 'antd';
import type { BadgeProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../../../lib/graphql';

/** What the console shows: the WebSocket state, or that the subscription failed. */
export type LiveIndicatorStatus = LiveStatus | 'failed';

const BADGE: Record<LiveIndicatorStatus, BadgeProps['status']> = {
  connected: 'success',
  connecting: 'processing',
  idle: 'processing',
  reconnecting: 'warning',
  failed: 'error',
  off: 'default',
};

/** "Live" / "Reconnecting…" next to the console title; a retry button when it failed. */
export function LiveIndicator({ status, onRetry }: { status: LiveIndicatorStatus; onRetry?: () => void }) {
  const { t } = useTranslation();
  // idle: the subscription is about to open the socket
  const label = t(`events.live.${status === 'idle' ? 'connecting' : status}`);
  return (
    <Space size={8}>
      <span data-testid="live-indicator" data-status={status} role="status" aria-live="polite">
        <Badge status={BADGE[status]} text={label} />
      </span>
      {status === 'failed' && onRetry && (
        <Button size="small" onClick={onRetry}>
          {t('common.actions.retry')}
        </Button>
      )}
    </Space>
  );
}
