import { Flex, Progress, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AudienceCountQuery } from '../../../gql/graphql';

type AudienceCount = AudienceCountQuery['audienceCount'];

function percentOf(part: number, total: number): number {
  return total > 0 ? Math.round((part * 1000) / total) / 10 : 0;
}

/** An audience's total, the reachable part and every exclusion reason as a bar of the total. */
export function AudienceChart({ count }: { count: AudienceCount }) {
  const { t } = useTranslation();
  const rows = [
    { key: 'reachable', label: t('audiences.audience.reachable'), value: count.reachable, color: '#52c41a' },
    ...count.excluded.map((exclusion) => ({
      key: exclusion.reason,
      label: t(`audiences.audience.reasons.${exclusion.reason}`, { defaultValue: exclusion.reason }),
      value: exclusion.count,
      color: '#faad14',
    })),
  ];
  return (
    <Flex vertical gap={12} data-testid="audience-chart">
      <Flex gap={32} wrap>
        <Statistic title={t('audiences.audience.total')} value={count.total} valueRender={(node) => <span data-testid="audience-total">{node}</span>} />
        <Statistic
          title={t('audiences.audience.reachable')}
          value={count.reachable}
          valueRender={(node) => <span data-testid="audience-reachable">{node}</span>}
        />
      </Flex>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('audiences.audience.split')}>
        {rows.map((row) => (
          <li key={row.key} data-testid={`audience-row-${row.key}`} data-count={row.value}>
            <Flex justify="space-between">
              <Typography.Text>{row.label}</Typography.Text>
              <Typography.Text strong>{row.value}</Typography.Text>
            </Flex>
            <Progress percent={percentOf(row.value, count.total)} strokeColor={row.color} size="small" />
          </li>
        ))}
      </ul>
    </Flex>
  );
}
