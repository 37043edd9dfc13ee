import { DeleteOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../../components/CursorPager';
import { PageHeader } from '../../../../components/PageHeader';
import type { DraftsQuery as DraftsResult } from '../../../../gql/graphql';
import { useCan } from '../../../../lib/auth';
import { useCurrentAccount } from '../../../../lib/currentAccount';
import { formatDateTime } from '../../../../lib/format';
import { translateMaterialError } from '../../rules';
import { DraftDeleteMutation, DraftSyncMutation, DraftsQuery } from '../api/operations';
import '../news.css';

type DraftRow = DraftsResult['drafts']['edges'][number]['node'];

/** `/accounts/:id/news`: the account's news drafts (WeChat's draft box), search, sync, delete, and a new one. */
export function NewsListPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const stack = useCursorStack();
  const [search, setSearch] = useState('');
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: DraftsQuery,
    variables: { accountId, search: search || null, first: 20, after: stack.after },
    requestPolicy: 'cache-and-network',
  });
  const [{ fetching: syncing }, sync] = useMutation(DraftSyncMutation);
  const [, remove] = useMutation(DraftDeleteMutation);
  const drafts = data?.drafts.edges.map((edge) => edge.node) ?? [];
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const base = `/accounts/${accountId}/news`;

  const startSync = async () => {
    const result = await sync({ input: { accountId } });
    const payload = result.data?.draftSync;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateMaterialError(t, e)).join(' '));
    else message.success(t('news.list.synced', { listed: payload.listed, added: payload.added, removed: payload.removed }));
    stack.reset();
    reload();
  };

  const deleteDraft = async (draft: DraftRow) => {
    const result = await remove({ input: { id: draft.id } });
    const payload = result.data?.draftDelete;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateMaterialError(t, e)).join(' '));
    else {
      message.success(t('news.list.deleted', { title: draft.title }));
      reload();
    }
  };

  const columns: TableColumnsType<DraftRow> = [
    {
      title: t('news.list.cover'),
      key: 'cover',
      width: 96,
      render: (_, draft) => {
        const cover = draft.articles[0]?.cover?.previewUrl;
        return cover ? <img className="news-list-cover" src={cover} alt="" data-testid={`draft-cover-${draft.id}`} /> : <span className="news-list-cover" />;
      },
    },
    {
      title: t('news.list.titleColumn'),
      key: 'title',
      render: (_, draft) => (
        <Space direction="vertical" size={0}>
          <Link to={`${base}/${draft.id}`} data-testid={`draft-open-${draft.id}`}>
            {draft.title || t('news.preview.untitled')}
          </Link>
          {draft.articles.slice(1).map((article, index) => (
            <Typography.Text key={index} type="secondary" style={{ fontSize: 12 }}>
              {index + 2}. {article.title}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { title: t('news.list.articles'), key: 'articles', align: 'right', width: 90, render: (_, draft) => draft.articles.length },
    {
      title: t('news.list.updated'),
      key: 'updated',
      width: 220,
      render: (_, draft) => (
        <Space direction="vertical" size={0}>
          <span>{formatDateTime(draft.updatedAt, i18n.language)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {draft.updatedBy ?? t('news.list.bySync')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions.label'),
      key: 'actions',
      width: 180,
      render: (_, draft) => (
        <Space>
          <Link to={`${base}/${draft.id}`}>
            <Button size="small" icon={<EditOutlined aria-hidden />}>
              {canChange ? t('news.list.edit') : t('news.list.view')}
            </Button>
          </Link>
          {canChange && (
            <Popconfirm
              title={t('news.list.deleteConfirm', { title: draft.title })}
              description={t('news.list.deleteHint')}
              okText={t('news.list.delete')}
              cancelText={t('common.actions.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'draft-delete-confirm' }}
              onConfirm={() => deleteDraft(draft)}
            >
              <Button size="small" danger icon={<DeleteOutlined aria-hidden />} data-testid={`draft-delete-${draft.id}`}>
                {t('news.list.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={t('news.title')}
        extra={
          canChange && (
            <>
              <Button icon={<SyncOutlined spin={syncing} aria-hidden />} loading={syncing} onClick={startSync} data-testid="news-sync">
                {t('news.list.sync')}
              </Button>
              <Link to={`${base}/new`}>
                <Button type="primary" icon={<PlusOutlined aria-hidden />} data-testid="news-new">
                  {t('news.list.new')}
                </Button>
              </Link>
            </>
          )
        }
      />
      <Card size="small">
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            style={{ maxWidth: 320 }}
            placeholder={t('news.list.search')}
            aria-label={t('news.list.search')}
            data-testid="news-search"
            onSearch={(value) => {
              stack.reset();
              setSearch(value.trim());
            }}
          />
          {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
          <Table<DraftRow>
            data-testid="drafts-table"
            rowKey="id"
            size="small"
            loading={fetching && !data}
            columns={columns}
            dataSource={drafts}
            pagination={false}
            scroll={{ x: true }}
            onRow={(draft) => ({ 'data-testid': `draft-row-${draft.id}` }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: search ? t('news.list.noMatch') : t('news.list.empty') }}
            footer={data ? () => t('news.list.total', { count: data.drafts.totalCount }) : undefined}
          />
          <CursorPager stack={stack} pageInfo={data?.drafts.pageInfo} />
        </Flex>
      </Card>
    </>
  );
}
