import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FanWindowFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';

/**
 * A fan's customer-service window: green with the messages left and the closing time while open,
 * grey when there is none (never opened, expired or used up).
 */
export function WindowBadge({ window, testId }: { window: FanWindowFieldsFragment | null | undefined; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!window?.open) {
    return (
      <span data-testid={testId} data-open="false">
        <Badge status="default" text={t('audiences.window.closed')} />
      </span>
    );
  }
  const closes = formatDateTime(window.expiresAt, i18n.language);
  const text = window.expiresAt
    ? t('audiences.window.openRemaining', { count: window.remaining, time: closes })
    : t('audiences.window.openLeft', { count: window.remaining });
  return (
    <Tooltip title={window.openedBy ? t('audiences.window.openedBy', { trigger: triggerLabel(t, window.openedBy) }) : undefined}>
      <span data-testid={testId} data-open="true">
        <Badge status="success" text={text} />
      </span>
    </Tooltip>
  );
}

/** What opened a window (FanWindowTrigger: message, menu click, follow, scan…) in the user's language; unknown ones as sent. */
export function triggerLabel(t: (key: string | string[], options?: Record<string, unknown>) => string, trigger: string): string {
  return t(`audiences.window.triggers.${trigger}`, { defaultValue: trigger });
}
