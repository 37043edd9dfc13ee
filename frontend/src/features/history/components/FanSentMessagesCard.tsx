import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { RecipientStateTag } from '../../../components/StateTag';
import { formatDateTime } from '../../../lib/format';
import { FanSentMessagesQuery } from '../api/operations';
import './history.css';

/** On a fan's page: what Fanmail sent the fan, newest first, with WeChat's answer and delivery report. */
export function FanSentMessagesCard({ accountId, openid }: { accountId: string; openid: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }] = useQuery({ query: FanSentMessagesQuery, variables: { accountId, openid, first: 20 } });
  const messages = data?.fanSentMessages.edges.map((edge) => edge.node) ?? [];
  return (
    <Card title={t('history.fan.title')} size="small" style={{ marginTop: 16 }} data-testid="fan-sent-messages">
      {error && !data && <Typography.Text type="danger">{t('common.errors.loadFailed')}</Typography.Text>}
      {data && messages.length === 0 ? (
        <Empty description={t('history.fan.empty')} />
      ) : (
        <List
          size="small"
          dataSource={messages}
          renderItem={(m) => (
            <List.Item key={`${m.jobId}-${m.seq}`} data-testid={`fan-sent-${m.jobId}`}>
              <Space direction="vertical" size={2} style={{ minWidth: 0, width: '100%' }}>
                <Space wrap size={8}>
                  <Link to={`/accounts/${accountId}/dispatch/jobs/${m.jobId}`} className="history-break">
                    {m.title}
                  </Link>
                  <Tag>{t(`dispatch.kinds.${m.kind}`)}</Tag>
                  <RecipientStateTag state={m.state} />
                </Space>
                <Typography.Text type="secondary">
                  {t('history.fan.sentAt', { at: formatDateTime(m.sentAt ?? m.createdAt, i18n.language) })}
                  {m.reportedAt ? ` · ${t('history.fan.reportedAt', { at: formatDateTime(m.reportedAt, i18n.language), status: m.reportStatus ?? '' })}` : ''}
                </Typography.Text>
                {m.errcode != null && (
                  <Typography.Text type="danger" className="history-break">
                    {m.errcode} {m.errmsg}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
