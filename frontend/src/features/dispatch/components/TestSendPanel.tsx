import { ExperimentOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Empty, Flex, List, Modal, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { DispatchTemplateContentInput, TestSendResult } from '../../../gql/graphql';
import { translateUserError } from '../../../lib/userErrors';
import { DispatchTestFansQuery, DispatchTestSendMutation } from '../api/operations';

type Result = Pick<TestSendResult, 'openid' | 'label' | 'status' | 'msgid' | 'errcode' | 'message'>;

/**
 * "Send a test": the content as it stands now, sent to the account's test fans (all chosen by default)
 * before the real send, with each fan's outcome inline. Creates no job.
 */
export function TestSendButton({
  accountId,
  content,
  disabled,
}: {
  accountId: string;
  content: () => DispatchTemplateContentInput | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ExperimentOutlined aria-hidden />} data-testid="test-send-open" disabled={disabled} onClick={() => setOpen(true)}>
        {t('dispatch.testSend.open')}
      </Button>
      {open && <TestSendPanel accountId={accountId} content={content} onClose={() => setOpen(false)} />}
    </>
  );
}

export function TestSendPanel({
  accountId,
  content,
  onClose,
}: {
  accountId: string;
  content: () => DispatchTemplateContentInput | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: DispatchTestFansQuery, variables: { accountId }, requestPolicy: 'network-only' });
  const [{ fetching: sending }, send] = useMutation(DispatchTestSendMutation);
  const fans = data?.testFans ?? [];
  // every test fan is chosen until the operator unticks one (openids unticked, so fans loaded later start ticked)
  const [unticked, setUnticked] = useState<string[]>([]);
  const chosen = fans.map((f) => f.openid).filter((o) => !unticked.includes(o));
  const [results, setResults] = useState<Result[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async () => {
    const c = content();
    if (!c) return;
    setErrors([]);
    setResults(null);
    const result = await send({ input: { accountId, content: c, openids: chosen } });
    const payload = result.data?.dispatchTestSend;
    if (result.error || !payload) return setErrors([t('common.errors.saveFailed')]);
    if (payload.userErrors.length > 0) return setErrors(payload.userErrors.map((e) => translateUserError(t, e, 'dispatch')));
    setResults(payload.results);
  };

  return (
    <Modal
      open
      title={t('dispatch.testSend.title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="test-send-panel"
    >
      {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
      {!data && !error && <Skeleton active paragraph={{ rows: 3 }} />}
      {data && fans.length === 0 && (
        <Empty description={t('dispatch.testSend.noTestFans')}>
          <Link to={`/accounts/${accountId}/fans`} data-testid="test-send-manage">
            {t('dispatch.testSend.manage')}
          </Link>
        </Empty>
      )}
      {fans.length > 0 && (
        <>
          <Typography.Paragraph type="secondary">{t('dispatch.testSend.hint')}</Typography.Paragraph>
          <Flex vertical gap={4}>
            {fans.map((fan) => (
              <Checkbox
                key={fan.openid}
                checked={!unticked.includes(fan.openid)}
                onChange={(e) =>
                  setUnticked((current) => (e.target.checked ? current.filter((o) => o !== fan.openid) : [...current, fan.openid]))
                }
                data-testid={`test-send-fan-${fan.openid}`}
              >
                {fan.label}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fan.openid}
                </Typography.Text>
                {!fan.subscribed && <Tag style={{ marginInlineStart: 8 }}>{t('dispatch.testSend.unsubscribed')}</Tag>}
              </Checkbox>
            ))}
          </Flex>
          <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
            <Link to={`/accounts/${accountId}/fans`}>{t('dispatch.testSend.manage')}</Link>
            <Button type="primary" icon={<SendOutlined aria-hidden />} loading={sending} disabled={chosen.length === 0} onClick={() => void submit()} data-testid="test-send-submit">
              {t('dispatch.testSend.send', { count: chosen.length })}
            </Button>
          </Flex>
        </>
      )}
      {errors.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginTop: 16 }} message={errors.join(' ')} data-testid="test-send-errors" />}
      {results && (
        <List
          style={{ marginTop: 16 }}
          size="small"
          header={t('dispatch.testSend.results')}
          dataSource={results}
          renderItem={(r) => (
            <List.Item data-testid={`test-send-result-${r.openid}`}>
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <span>
                  {r.status === 'SENT' ? <Tag color="green">{t('dispatch.testSend.status.SENT')}</Tag> : <Tag color="red">{t('dispatch.testSend.status.FAILED')}</Tag>}
                  {r.label}
                </span>
                {r.status === 'SENT' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dispatch.testSend.msgid', { msgid: r.msgid })}
                    {r.message ? ` · ${t('dispatch.testSend.csvNote')}` : ''}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('dispatch.testSend.failure', { errcode: r.errcode ?? -1, message: r.message ?? '' })}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
