import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Result, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import type { FanFieldsFragment, FanQuery as FanQueryResult } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { useMutationForm } from '../../../lib/useMutationForm';
import { FanQuery, FanRemarkUpdateMutation, FanTimelineQuery } from '../api/operations';
import { triggerLabel, WindowBadge } from './WindowBadge';

const TIMELINE_PAGE = 20;

/** A rule's period in the largest whole unit: 48 hours, 1 minute, 90 seconds. */
function formatDuration(t: (key: string, options?: Record<string, unknown>) => string, seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return t('audiences.window.hours', { count: seconds / 3600 });
  if (seconds > 0 && seconds % 60 === 0) return t('audiences.window.minutes', { count: seconds / 60 });
  return t('audiences.window.seconds', { count: seconds });
}

export interface FanDetailPageProps {
  /** More cards about the fan (e.g. what was sent to them), composed by the app; shown under the timeline. */
  renderCards?: (fan: { accountId: string; openid: string }) => ReactNode;
}

/** `/accounts/:id/fans/:openid`: one fan's details, tags, remark, window and pushes. */
export function FanDetailPage({ renderCards }: FanDetailPageProps = {}) {
  const { account } = useCurrentAccount();
  const { openid = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({ query: FanQuery, variables: { accountId: account.id, openid } });

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const fan = data.fan;
  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/accounts/${account.id}/fans`)}>
      {t('audiences.fan.back')}
    </Button>
  );
  if (!fan) {
    return <Result status="404" title={t('audiences.errors.FAN_NOT_FOUND')} extra={<Link to={`/accounts/${account.id}/fans`}>{back}</Link>} />;
  }

  return (
    <>
      <PageHeader title={fan.remark || fan.openid} subtitle={t('audiences.fan.title')} extra={back} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('audiences.fan.details')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('audiences.fans.columns.openid')}>
                <Typography.Text code copyable data-testid="fan-openid">
                  {fan.openid}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('audiences.fans.columns.subscribed')}>
                {fan.subscribed ? <Tag color="green">{t('audiences.fans.subscribedYes')}</Tag> : <Tag>{t('audiences.fans.subscribedNo')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('audiences.fans.columns.subscribedAt')}>{formatDateTime(fan.subscribedAt, i18n.language)}</Descriptions.Item>
              {fan.unsubscribedAt && (
                <Descriptions.Item label={t('audiences.fan.unsubscribedAt')}>{formatDateTime(fan.unsubscribedAt, i18n.language)}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('audiences.fans.columns.lastInteraction')}>
                {formatDateTime(fan.lastInteractionAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('audiences.fan.language')}>{fan.language || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('audiences.fan.detailsSyncedAt')}>{formatDateTime(fan.detailsSyncedAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('audiences.fans.columns.tags')}>
                <span data-testid="fan-tags">
                  {fan.tags.length === 0 ? '—' : fan.tags.map((tag) => <Tag key={tag.id}>{tag.name ?? tag.id}</Tag>)}
                </span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <RemarkCard accountId={account.id} fan={fan} />
        </Col>
        <Col xs={24} xl={12}>
          <WindowCard fan={fan} rules={data.serviceWindowRules} />
          <TimelineCard accountId={account.id} openid={fan.openid} />
          {renderCards?.({ accountId: account.id, openid: fan.openid })}
        </Col>
      </Row>
    </>
  );
}

/** The remark, editable by operators (user/info/updateremark through the server). */
function RemarkCard({ accountId, fan }: { accountId: string; fan: FanFieldsFragment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const [form] = Form.useForm<{ remark: string }>();
  const [{ fetching }, update] = useMutation(FanRemarkUpdateMutation);
  const { submit, formErrors } = useMutationForm(form, {
    resource: 'audiences',
    run: async ({ remark }) => {
      const result = await update({ input: { accountId, openid: fan.openid, remark: remark ?? '' } });
      return { error: result.error, payload: result.data?.fanRemarkUpdate };
    },
    onSuccess: () => message.success(t('audiences.fan.remarkSaved')),
  });
  useEffect(() => {
    form.setFieldsValue({ remark: fan.remark });
  }, [fan.remark, form]);

  return (
    <Card title={t('audiences.fan.remark')} size="small" style={{ marginTop: 16 }}>
      <Form form={form} layout="inline" initialValues={{ remark: fan.remark }} onFinish={() => void submit()} disabled={!canChange}>
        <Form.Item name="remark" style={{ flex: 1 }}>
          <Input data-testid="fan-remark-input" aria-label={t('audiences.fan.remark')} maxLength={100} />
        </Form.Item>
        {canChange && (
          <Button type="primary" htmlType="submit" loading={fetching} data-testid="fan-remark-save">
            {t('common.actions.save')}
          </Button>
        )}
      </Form>
      {formErrors.length > 0 && (
        <Alert type="error" showIcon message={formErrors.join(' ')} style={{ marginTop: 12 }} data-testid="fan-remark-errors" />
      )}
    </Card>
  );
}

/** The customer-service window now, and WeChat's rules for it. */
function WindowCard({ fan, rules }: { fan: FanFieldsFragment; rules: FanQueryResult['serviceWindowRules'] }) {
  const { t, i18n } = useTranslation();
  const window = fan.window;
  return (
    <Card title={t('audiences.window.title')} size="small" data-testid="fan-window-card">
      <WindowBadge window={window} testId="fan-window" />
      {window?.open && (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          {window.openedBy && (
            <Descriptions.Item label={t('audiences.window.trigger')}>{triggerLabel(t, window.openedBy)}</Descriptions.Item>
          )}
          {window.kind && (
            <Descriptions.Item label={t('audiences.window.kind')}>
              {t(`audiences.window.kinds.${window.kind}`, { defaultValue: window.kind })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('audiences.window.openedAt')}>{formatDateTime(window.openedAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('audiences.window.expiresAt')}>{formatDateTime(window.expiresAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('audiences.window.remaining')}>
            <span data-testid="fan-window-remaining">{window.remaining}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Alert
        type="info"
        style={{ marginTop: 12 }}
        message={t('audiences.window.rulesTitle')}
        description={
          <span data-testid="fan-window-rules">
            {t('audiences.window.rules', {
              messageLimit: rules.messageLimit,
              messageDuration: formatDuration(t, rules.messageSeconds),
              interactionLimit: rules.interactionLimit,
              interactionDuration: formatDuration(t, rules.interactionSeconds),
            })}
          </span>
        }
      />
    </Card>
  );
}

/** The fan's pushes, newest first (`callbackEvents` for the openid). */
function TimelineCard({ accountId, openid }: { accountId: string; openid: string }) {
  const { t, i18n } = useTranslation();
  const stack = useCursorStack();
  const [{ data, error }] = useQuery({
    query: FanTimelineQuery,
    variables: { accountId, openid, first: TIMELINE_PAGE, after: stack.after },
  });
  const events = data?.callbackEvents.edges.map((edge) => edge.node) ?? [];
  return (
    <Card title={t('audiences.fan.timeline')} size="small" style={{ marginTop: 16 }} data-testid="fan-timeline">
      {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
      {data && events.length === 0 ? (
        <Empty description={t('audiences.fan.noEvents')} />
      ) : (
        <Timeline
          items={events.map((event) => ({
            key: event.id,
            children: (
              <>
                <Typography.Text strong>{event.event ?? event.msgType ?? event.type}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatDateTime(event.createdAt, i18n.language)}</Typography.Text>
                {event.summary && <div>{event.summary}</div>}
              </>
            ),
          }))}
        />
      )}
      <CursorPager stack={stack} pageInfo={data?.callbackEvents.pageInfo} />
    </Card>
  );
}
