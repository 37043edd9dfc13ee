import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryJobFieldsFragment } from '../../../gql/graphql';

const PARTS = [
  { key: 'delivered', state: 'DELIVERED', color: '#52c41a' },
  { key: 'sent', state: 'SENT', color: '#95de64' },
  { key: 'userBlocked', state: 'USER_BLOCKED', color: '#fa8c16' },
  { key: 'systemFailed', state: 'SYSTEM_FAILED', color: '#f5222d' },
  { key: 'failed', state: 'FAILED', color: '#a8071a' },
  { key: 'skipped', state: 'SKIPPED', color: '#8c8c8c' },
  { key: 'inDoubt', state: 'IN_DOUBT', color: '#722ed1' },
  { key: 'sending', state: 'SENDING', color: '#1677ff' },
  { key: 'queued', state: 'QUEUED', color: '#d9d9d9' },
] as const;

/** A finished job's outcome as a thin stacked bar (an SVG), the numbers in its tooltip. */
export function OutcomeMiniBar({ counts }: { counts: HistoryJobFieldsFragment['counts'] }) {
  const { t } = useTranslation();
  const parts = PARTS.map((p) => ({ ...p, value: counts[p.key] })).filter((p) => p.value > 0);
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const summary = parts.map((p) => `${t(`dispatch.recipientStates.${p.state}`)} ${p.value}`).join(' · ');
  let x = 0;
  return (
    <Tooltip title={summary || t('dispatch.outcome.empty')}>
      <svg role="img" aria-label={summary || t('dispatch.outcome.empty')} width="100%" height={10} viewBox="0 0 1000 10" preserveAspectRatio="none" style={{ display: 'block', borderRadius: 3, background: '#f5f5f5' }}>
        {total > 0 &&
          parts.map((p) => {
            const width = (p.value * 1000) / total;
            const rect = <rect key={p.key} x={x} y={0} width={width} height={10} fill={p.color} />;
            x += width;
            return rect;
          })}
      </svg>
    </Tooltip>
  );
}
