import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchCountsFieldsFragment } from '../../../gql/graphql';
import { outcomeSegments } from '../progress';
import './dispatch.css';

/**
 * The recipients by state as one stacked bar (an SVG, no chart library) with a legend: final outcomes
 * first, pending ones last. Each part has a title for hovering and the legend carries the numbers.
 */
export function OutcomeBar({ counts, height = 20, testId = 'outcome-bar' }: { counts: DispatchCountsFieldsFragment; height?: number; testId?: string }) {
  const { t } = useTranslation();
  const segments = outcomeSegments(counts);
  const total = Math.max(counts.total, segments.reduce((sum, s) => sum + s.value, 0));
  let x = 0;
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg
        role="img"
        aria-label={t('dispatch.outcome.title')}
        width="100%"
        height={height}
        viewBox={`0 0 1000 ${height}`}
        preserveAspectRatio="none"
        style={{ display: 'block', borderRadius: 4, background: '#f5f5f5' }}
      >
        {total > 0 &&
          segments.map((segment) => {
            const width = (segment.value * 1000) / total;
            const rect = (
              <rect key={segment.state} x={x} y={0} width={width} height={height} fill={segment.color}>
                <title>{`${t(`dispatch.recipientStates.${segment.state}`)}: ${segment.value}`}</title>
              </rect>
            );
            x += width;
            return rect;
          })}
      </svg>
      <figcaption>
        <ul className="dispatch-outcome-legend">
          {segments.map((segment) => (
            <li key={segment.state} data-testid={`${testId}-${segment.state}`} data-count={segment.value}>
              <span className="dispatch-swatch" style={{ background: segment.color }} aria-hidden />
              <Typography.Text>{t(`dispatch.recipientStates.${segment.state}`)}</Typography.Text>{' '}
              <Typography.Text strong>{segment.value}</Typography.Text>
            </li>
          ))}
          {segments.length === 0 && <Typography.Text type="secondary">{t('dispatch.outcome.empty')}</Typography.Text>}
        </ul>
      </figcaption>
    </figure>
  );
}
