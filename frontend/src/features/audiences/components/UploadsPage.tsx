import { Alert, App, Button, Card, Col, Descriptions, Drawer, Popconfirm, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import type { UploadFieldsFragment, UploadStatus } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { translateUserError } from '../../../lib/userErrors';
import { UploadDeleteMutation, UploadQuery, UploadsQuery } from '../api/operations';
import { UploadFileButton } from './UploadFileButton';

const STATUS_COLORS: Record<UploadStatus, string> = { PROCESSING: 'processing', READY: 'success', FAILED: 'error' };
/** How often a processing upload is asked for again. */
const POLL_MS = 1000;

/** `/accounts/:id/uploads`: openid lists uploaded as CSV or text, their counts, columns and problem lines. */
export function UploadsPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const stack = useCursorStack();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: UploadsQuery, variables: { accountId, first: 20, after: stack.after } });
  const [openId, setOpenId] = useState<string | null>(null);
  const [, remove] = useMutation(UploadDeleteMutation);
  const uploads = data?.uploads.edges.map((edge) => edge.node) ?? [];
  const reload = () => reexecute({ requestPolicy: 'network-only' });

  const anyProcessing = uploads.some((upload) => upload.status === 'PROCESSING');
  useEffect(() => {
    if (!anyProcessing) return;
    const timer = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [anyProcessing, reexecute]);

  const deleteUpload = async (upload: UploadFieldsFragment) => {
    const result = await remove({ input: { id: upload.id } });
    const payload = result.data?.uploadDelete;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateUserError(t, e, 'audiences')).join(' '));
    else reload();
  };

  const columns: TableColumnsType<UploadFieldsFragment> = [
    {
      title: t('audiences.uploads.name'),
      dataIndex: 'name',
      render: (name: string, upload) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(upload.id)} data-testid={`upload-open-${upload.id}`}>
          {name}
        </Button>
      ),
    },
    {
      title: t('audiences.uploads.status'),
      dataIndex: 'status',
      render: (status: UploadStatus) => <Tag color={STATUS_COLORS[status]}>{t(`audiences.uploads.statuses.${status}`)}</Tag>,
    },
    { title: t('audiences.uploads.counts.totalLines'), dataIndex: 'totalLines', align: 'right' },
    { title: t('audiences.uploads.counts.valid'), dataIndex: 'valid', align: 'right' },
    { title: t('audiences.uploads.counts.invalid'), dataIndex: 'invalid', align: 'right' },
    { title: t('audiences.uploads.counts.unknown'), dataIndex: 'unknown', align: 'right' },
    { title: t('audiences.uploads.counts.duplicates'), dataIndex: 'duplicates', align: 'right' },
    { title: t('audiences.uploads.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value, i18n.language) },
    ...(canChange
      ? [
          {
            title: t('common.actions.label'),
            key: 'actions',
            render: (_: unknown, upload: UploadFieldsFragment) => (
              <Popconfirm
                title={t('audiences.uploads.deleteConfirm', { name: upload.name })}
                okText={t('audiences.uploads.delete')}
                cancelText={t('common.actions.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => deleteUpload(upload)}
              >
                <Button size="small" danger>
                  {t('audiences.uploads.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={account.name} subtitle={t('audiences.uploads.title')} />
      <Row gutter={[16, 16]}>
        {canChange && (
          <Col xs={24}>
            <Card size="small" title={t('audiences.uploads.new')}>
              <UploadFileButton
                accountId={accountId}
                onUploaded={(id) => {
                  reload();
                  setOpenId(id);
                }}
              />
            </Card>
          </Col>
        )}
        <Col xs={24}>
          <Card size="small">
            {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
            <Table<UploadFieldsFragment>
              data-testid="uploads-table"
              rowKey="id"
              size="small"
              loading={fetching && !data}
              columns={columns}
              dataSource={uploads}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('audiences.uploads.empty') }}
            />
            <CursorPager stack={stack} pageInfo={data?.uploads.pageInfo} />
          </Card>
        </Col>
      </Row>
      <Drawer open={openId !== null} width={760} title={t('audiences.uploads.detail')} onClose={() => setOpenId(null)} destroyOnHidden>
        {openId && <UploadDetail id={openId} onChanged={reload} />}
      </Drawer>
    </>
  );
}

/** One upload: its counts, the columns kept per row, and the problem lines a page at a time. */
export function UploadDetail({ id, onChanged }: { id: string; onChanged?: () => void }) {
  const { t, i18n } = useTranslation();
  const stack = useCursorStack();
  const [{ data, error }, reexecute] = useQuery({ query: UploadQuery, variables: { id, first: 50, after: stack.after } });
  const upload = data?.upload;
  const processing = upload?.status === 'PROCESSING';
  useEffect(() => {
    if (!processing) return;
    const timer = window.setInterval(() => reexecute({ requestPolicy: 'network-only' }), POLL_MS);
    return () => {
      window.clearInterval(timer);
      onChanged?.();
    };
    // onChanged is the page's reload: only the end of processing matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [processing, reexecute]);

  if (error && !data) return <Alert type="error" showIcon message={t('common.errors.loadFailed')} />;
  if (!data) return <Skeleton active />;
  if (!upload) return <Alert type="warning" showIcon message={t('audiences.errors.UPLOAD_NOT_FOUND')} />;
  const problems = upload.problems.edges.map((edge) => ({ key: edge.cursor, ...edge.node }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="upload-detail">
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('audiences.uploads.name')} span={2}>
          {upload.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('audiences.uploads.status')}>
          <Tag color={STATUS_COLORS[upload.status]} data-testid="upload-status">
            {t(`audiences.uploads.statuses.${upload.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('audiences.uploads.createdAt')}>{formatDateTime(upload.createdAt, i18n.language)}</Descriptions.Item>
        {(['totalLines', 'valid', 'invalid', 'unknown', 'duplicates'] as const).map((key) => (
          <Descriptions.Item key={key} label={t(`audiences.uploads.counts.${key}`)}>
            <span data-testid={`upload-count-${key}`}>{upload[key]}</span>
          </Descriptions.Item>
        ))}
        {upload.status === 'FAILED' && (
          <Descriptions.Item label={t('audiences.uploads.error')} span={2}>
            <Typography.Text type="danger" data-testid="upload-failure">
              {upload.errorCode
                ? translateUserError(t, { code: upload.errorCode, message: upload.errorMessage ?? upload.errorCode }, 'audiences')
                : (upload.errorMessage ?? '—')}
            </Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('audiences.uploads.columns')} span={2}>
          <span data-testid="upload-columns">
            {upload.columns.length === 0 ? '—' : upload.columns.map((column) => <Tag key={column}>{column}</Tag>)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('audiences.uploads.problems')}
      </Typography.Title>
      <Table
        data-testid="upload-problems"
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={problems}
        locale={{ emptyText: t('audiences.uploads.noProblems') }}
        columns={[
          { title: t('audiences.uploads.problemColumns.line'), dataIndex: 'line', width: 80 },
          {
            title: t('audiences.uploads.problemColumns.openid'),
            dataIndex: 'openid',
            render: (openid: string | null) => (openid ? <Typography.Text code>{openid}</Typography.Text> : '—'),
          },
          {
            title: t('audiences.uploads.problemColumns.code'),
            dataIndex: 'code',
            render: (code: string) => <Tag color="orange">{t(`audiences.uploads.problemCodes.${code}`, { defaultValue: code })}</Tag>,
          },
          { title: t('audiences.uploads.problemColumns.message'), dataIndex: 'message' },
        ]}
      />
      <CursorPager stack={stack} pageInfo={upload.problems.pageInfo} />
    </Space>
  );
}
