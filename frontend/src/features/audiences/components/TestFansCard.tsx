import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useCan } from '../../../lib/auth';
import { useMutationForm } from '../../../lib/useMutationForm';
import type { UserErrorLike } from '../../../lib/userErrors';
import { translateUserError } from '../../../lib/userErrors';
import { TestFanAddMutation, TestFanRemoveMutation, TestFansQuery } from '../api/operations';

/** At most this many test fans per account (the server's rule). */
export const TEST_FANS_MAX = 20;
/** A label's length limit (the server's rule). */
const LABEL_MAX = 30;

interface AddValues {
  openid: string;
  label: string;
}

/**
 * The account's test fans: the followers every sending flow can send a test to before the real send.
 * Everyone reads the list; operators and admins add (by openid, with a label) and remove.
 */
export function TestFansCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const [form] = Form.useForm<AddValues>();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TestFansQuery, variables: { accountId } });
  const [{ fetching: adding }, add] = useMutation(TestFanAddMutation);
  const [, remove] = useMutation(TestFanRemoveMutation);
  const fans = data?.testFans ?? [];
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  const { submit, formErrors } = useMutationForm<AddValues, { userErrors: readonly UserErrorLike[] }>(form, {
    resource: 'audiences.testFans',
    run: async ({ openid, label }) => {
      const result = await add({ input: { accountId, openid: openid.trim(), label: label.trim() } });
      return { error: result.error, payload: result.data?.testFanAdd };
    },
    onSuccess: () => {
      message.success(t('audiences.testFans.added'));
      form.resetFields();
      reload();
    },
  });

  const removeFan = async (openid: string) => {
    const result = await remove({ input: { accountId, openid } });
    const errors = result.data?.testFanRemove.userErrors ?? [];
    if (result.error) message.error(t('common.errors.saveFailed'));
    else if (errors.length > 0) message.error(errors.map((e) => translateUserError(t, e, 'audiences.testFans')).join(' '));
    else message.success(t('audiences.testFans.removed'));
    reload();
  };

  return (
    <Card
      size="small"
      data-testid="test-fans-card"
      title={t('audiences.testFans.title')}
      extra={<Typography.Text type="secondary">{t('audiences.testFans.count', { count: fans.length, max: TEST_FANS_MAX })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('audiences.testFans.hint')}
      </Typography.Paragraph>
      {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} style={{ marginBottom: 12 }} />}
      <List
        size="small"
        loading={fetching && !data}
        dataSource={fans}
        locale={{ emptyText: t('audiences.testFans.empty') }}
        renderItem={(fan) => (
          <List.Item
            data-testid={`test-fan-row-${fan.openid}`}
            actions={
              canChange
                ? [
                    <Popconfirm
                      key="remove"
                      title={t('audiences.testFans.removeConfirm', { label: fan.label })}
                      okText={t('audiences.testFans.remove')}
                      okButtonProps={{ 'data-testid': `test-fan-remove-confirm-${fan.openid}` } as ButtonProps}
                      cancelText={t('common.actions.cancel')}
                      onConfirm={() => removeFan(fan.openid)}
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('audiences.testFans.removeOf', { label: fan.label })}
                        data-testid={`test-fan-remove-${fan.openid}`}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>{fan.label}</span>
                  {fan.subscribed ? (
                    <Tag color="green">{t('audiences.fans.subscribedYes')}</Tag>
                  ) : (
                    <Tag color="red">{t('audiences.fans.subscribedNo')}</Tag>
                  )}
                </Space>
              }
              description={
                <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {fan.openid}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {canChange && fans.length < TEST_FANS_MAX && (
        <Form form={form} layout="vertical" name="test-fan-add" onFinish={() => void submit()} style={{ marginTop: 12 }} initialValues={{ openid: '', label: '' }}>
          <Form.Item name="openid" label={t('audiences.testFans.openid')} rules={[{ required: true, whitespace: true, message: t('audiences.testFans.errors.OPENID_REQUIRED') }]}>
            <Input data-testid="test-fan-add-openid" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="label"
            label={t('audiences.testFans.label')}
            rules={[
              { required: true, whitespace: true, message: t('audiences.testFans.errors.LABEL_REQUIRED') },
              { max: LABEL_MAX, message: t('audiences.testFans.errors.LABEL_TOO_LONG') },
            ]}
          >
            <Input data-testid="test-fan-add-label" placeholder={t('audiences.testFans.labelPlaceholder')} autoComplete="off" />
          </Form.Item>
          {formErrors.length > 0 && <Alert type="error" showIcon message={formErrors.join(' ')} style={{ marginBottom: 12 }} data-testid="test-fan-add-errors" />}
          <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={adding} data-testid="test-fan-add-submit">
            {t('audiences.testFans.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
