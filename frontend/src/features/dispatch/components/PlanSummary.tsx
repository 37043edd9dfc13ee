import { Alert, Col, Descriptions, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DispatchPlanFieldsFragment } from '../../../gql/graphql';
import { formatLocalTime } from '../format';

/**
 * A pre-flight plan: how many the audience selects and reaches, who is left out and why, today's quota
 * (WeChat's and Fanmail's counts), how the send splits around the quota reset, and the warnings.
 */
export function PlanSummary({ plan }: { plan: DispatchPlanFieldsFragment }) {
  const { t, i18n } = useTranslation();
  const { quota } = plan;
  const resetsAt = formatLocalTime(quota.resetsAt, i18n.language);
  const excluded = plan.excluded.filter((e) => e.count > 0);
  return (
    <Flex vertical gap={16} data-testid="dispatch-plan">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.plan.audienceSize')} value={plan.audienceSize} valueRender={(n) => <span data-testid="plan-audience-size">{n}</span>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.plan.reachable')} value={plan.reachable} valueRender={(n) => <span data-testid="plan-reachable">{n}</span>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('dispatch.plan.sendToday')} value={plan.sendToday} valueRender={(n) => <span data-testid="plan-send-today">{n}</span>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('dispatch.plan.sendAfterReset')}
            value={plan.sendAfterReset}
            valueRender={(n) => <span data-testid="plan-send-after-reset">{n}</span>}
          />
        </Col>
      </Row>

      {plan.reachable === 0 ? (
        <Alert type="error" showIcon data-testid="plan-nobody" message={t('dispatch.plan.nobody')} />
      ) : plan.sendAfterReset > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-split"
          message={t('dispatch.plan.spansDays')}
          description={t('dispatch.plan.split', { today: plan.sendToday, later: plan.sendAfterReset, resetsAt })}
        />
      ) : (
        <Alert type="success" showIcon data-testid="plan-split" message={t('dispatch.plan.allToday', { count: plan.sendToday })} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('dispatch.plan.excludedTitle')}</Typography.Title>
          {excluded.length === 0 ? (
            <Typography.Text type="secondary">{t('dispatch.plan.noneExcluded')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={excluded}
              renderItem={(e) => (
                <List.Item data-testid={`plan-excluded-${e.reason}`} data-count={e.count}>
                  <Typography.Text>{t(`dispatch.reasons.${e.reason}`, { defaultValue: e.reason })}</Typography.Text>
                  <Typography.Text strong>{e.count}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('dispatch.quota.title')}</Typography.Title>
          <Descriptions column={1} size="small" data-testid="plan-quota">
            <Descriptions.Item label={t('dispatch.quota.limit')}>{quota.limit}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.quota.usedByWeChat')}>{quota.usedByWeChat}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.quota.usedByFanmail')}>{quota.usedByFanmail}</Descriptions.Item>
            <Descriptions.Item label={t('dispatch.quota.remaining')}>
              <span data-testid="plan-quota-remaining">{quota.remaining}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('dispatch.quota.resetsAt')}>
              {resetsAt} <Typography.Text type="secondary">({t('dispatch.quota.chinaMidnight')})</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>

      {plan.warnings.length > 0 && (
        <List
          size="small"
          bordered
          data-testid="plan-warnings"
          header={<Typography.Text strong>{t('dispatch.plan.warningsTitle')}</Typography.Text>}
          dataSource={plan.warnings}
          renderItem={(w) => (
            <List.Item data-testid={`plan-warning-${w.code}`}>
              <span className="dispatch-break">
                {w.field && <Tag>{w.field}</Tag>}
                {t(`dispatch.plan.warnings.${w.code}`, { defaultValue: w.message, count: w.count, field: w.field ?? '' })}
              </span>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
