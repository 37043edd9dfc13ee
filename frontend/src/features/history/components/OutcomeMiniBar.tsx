import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { RECIPIENT_STATE_FILLS } from '../../../components/StateTag';
import type { HistoryJobFieldsFragment } from '../../../gql/graphql';

const PARTS = [
  { key: 'delivered', state: 'DELIVERED', color: RECIPIENT_STATE_FILLS.DELIVERED },
  { key: 'sent', state: 'SENT', color: RECIPIENT_STATE_FILLS.SENT },
  { key: 'userBlocked', state: 'USER_BLOCKED', color: RECIPIENT_STATE_FILLS.USER_BLOCKED },
  { key: 'systemFailed', state: 'SYSTEM_FAILED', color: RECIPIENT_STATE_FILLS.SYSTEM_FAILED },
  { key: 'failed', state: 'FAILED', color: RECIPIENT_STATE_FILLS.FAILED },
  { key: 'skipped', state: 'SKIPPED', color: RECIPIENT_STATE_FILLS.SKIPPED },
  { key: 'inDoubt', state: 'IN_DOUBT', color: RECIPIENT_STATE_FILLS.IN_DOUBT },
  { key: 'sending', state: 'SENDING', color: RECIPIENT_STATE_FILLS.SENDING },
  { key: 'queued', state: 'QUEUED', color: RECIPIENT_STATE_FILLS.QUEUED },
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
