import { ApiOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { WeChatConnectionFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { translateUserError } from '../../../lib/userErrors';
import { WeChatConnectionQuery, WeChatConnectionTestMutation } from '../api/operations';
import { formatEventTime } from '../format';

// the query may answer null (no token asked yet): name the type so a test refetches it
const QUERY_CONTEXT = { additionalTypenames: ['WeChatConnection'] };

function ConnectionState({ connection }: { connection: WeChatConnectionFieldsFragment | null }) {
  const { t } = useTranslation();
  if (!connection) return <Badge status="default" text={t('connection.state.unknown')} />;
  return connection.connected ? (
    <Badge status="success" text={t('connection.state.connected')} />
  ) : (
    <Badge status="error" text={t('connection.state.disconnected')} />
  );
}

/**
 * Whether Fanmail can talk to WeChat for the account (its access token), the last
 * error verbatim, and a "Test connection" button for OPERATOR+.
 */
export function WeChatConnectionCard({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canTest = useCan('manageAccounts');
  const [{ data, error, fetching }] = useQuery({
    query: WeChatConnectionQuery,
    variables: { accountId },
    context: QUERY_CONTEXT,
  });
  const [{ fetching: testing }, testConnection] = useMutation(WeChatConnectionTestMutation);
  const [testErrors, setTestErrors] = useState<string[]>([]);
  // a test's payload carries a WeChatConnection: urql then refetches the query
  const connection = data?.weChatConnection ?? null;

  const handleTest = async () => {
    setTestErrors([]);
    const result = await testConnection({ input: { accountId } });
    const payload = result.data?.weChatConnectionTest;
    if (result.error || !payload) {
      setTestErrors([t('connection.errors.testFailed')]);
      return;
    }
    if (payload.userErrors.length > 0) {
      setTestErrors(payload.userErrors.map((e) => translateUserError(t, e, 'connection')));
      return;
    }
    message.success(t('connection.messages.ok'));
  };

  const lang = i18n.language;
  const connectionItems = (current: WeChatConnectionFieldsFragment | null): NonNullable<DescriptionsProps['items']> => {
    const items: NonNullable<DescriptionsProps['items']> = [
      {
        key: 'state',
        label: t('connection.fields.state'),
        children: (
          <span data-testid="connection-state">
            <ConnectionState connection={current} />
          </span>
        ),
      },
    ];
    if (!current) return items;
    items.push(
      { key: 'expires', label: t('connection.fields.tokenExpiresAt'), children: formatEventTime(current.tokenExpiresAt, lang) },
      { key: 'count', label: t('connection.fields.refreshCount'), children: current.refreshCount },
    );
    const hasCode = current.lastErrorCode !== null && current.lastErrorCode !== undefined;
    if (hasCode || current.lastError) {
      items.push({
        key: 'lastError',
        label: t('connection.fields.lastError'),
        // WeChat's errcode and errmsg, verbatim
        children: (
          <span data-testid="connection-last-error">
            {hasCode && <Typography.Text code>{current.lastErrorCode}</Typography.Text>} {current.lastError}
          </span>
        ),
      });
    }
    if (current.failedAt) {
      items.push({ key: 'failedAt', label: t('connection.fields.failedAt'), children: formatEventTime(current.failedAt, lang) });
    }
    if (current.retryAfter) {
      items.push({
        key: 'retryAfter',
        label: t('connection.fields.retryAfter'),
        children: formatEventTime(current.retryAfter, lang),
      });
    }
    return items;
  };
  return (
    <Card
      size="small"
      data-testid="wechat-connection"
      title={
        <>
          <ApiOutlined aria-hidden /> {t('connection.title')}
        </>
      }
      extra={
        canTest && (
          <Button size="small" loading={testing} onClick={() => void handleTest()} data-testid="connection-test">
            {t('connection.actions.test')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      {testErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          onClose={() => setTestErrors([])}
          style={{ marginBottom: 12 }}
          message={testErrors.join(' ')}
        />
      )}
      {error && !data ? (
        <Typography.Text type="danger">{t('common.errors.loadFailed')}</Typography.Text>
      ) : fetching && !data ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <Descriptions size="small" column={1} items={connectionItems(connection)} />
      )}
      {!connection && !fetching && !error && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('connection.hints.unknown')}
        </Typography.Text>
      )}
    </Card>
  );
}
