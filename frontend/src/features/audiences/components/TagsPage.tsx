import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Card, Popconfirm, Row, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import type { TagAction, TagFieldsFragment, TagJobFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { translateUserError } from '../../../lib/userErrors';
import { TagDeleteMutation, TagsQuery, TagsRefreshMutation } from '../api/operations';
import { inProgress } from '../progress';
import { TagFormModal } from './TagFormModal';
import { TagJobModal } from './TagJobModal';
import { TagJobsCard } from './TagJobsCard';

/** `/accounts/:id/tags`: the account's WeChat tags with member counts, CRUD and bulk tagging from a CSV. */
export function TagsPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TagsQuery, variables: { accountId } });
  const [editing, setEditing] = useState<TagFieldsFragment | 'new' | null>(null);
  const [tagging, setTagging] = useState<{ tagId: number; action: TagAction } | null>(null);
  const [started, setStarted] = useState<TagJobFieldsFragment[]>([]);
  const [{ fetching: refreshing }, refresh] = useMutation(TagsRefreshMutation);
  const [, remove] = useMutation(TagDeleteMutation);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const tags = data?.tags ?? [];

  const showErrors = (errors: readonly { code: string; field?: string | null; message: string }[]) =>
    message.error(errors.map((e) => translateUserError(t, e, 'audiences')).join(' '));

  const refreshFromWeChat = async () => {
    const result = await refresh({ input: { accountId } });
    const payload = result.data?.tagsRefresh;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) showErrors(payload.userErrors);
    else reload();
  };

  const deleteTag = async (tag: TagFieldsFragment) => {
    const result = await remove({ input: { accountId, tagId: tag.id } });
    const payload = result.data?.tagDelete;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) showErrors(payload.userErrors);
    else {
      message.success(t('audiences.tags.deleted', { name: tag.name }));
      reload();
    }
  };

  const columns: TableColumnsType<TagFieldsFragment> = [
    { title: t('audiences.tags.id'), dataIndex: 'id', width: 80 },
    {
      title: t('audiences.tags.name'),
      dataIndex: 'name',
      render: (name: string, tag) => (
        <Space>
          <span data-testid={`tag-name-${tag.id}`}>{name}</span>
          {tag.reserved && <Tag>{t('audiences.tags.reserved')}</Tag>}
        </Space>
      ),
    },
    {
      title: <Tooltip title={t('audiences.tags.wechatCountHint')}>{t('audiences.tags.wechatCount')}</Tooltip>,
      dataIndex: 'wechatCount',
      align: 'right',
    },
    {
      title: <Tooltip title={t('audiences.tags.fanCountHint')}>{t('audiences.tags.fanCount')}</Tooltip>,
      dataIndex: 'fanCount',
      align: 'right',
      render: (count: number, tag) => <span data-testid={`tag-fan-count-${tag.id}`}>{count}</span>,
    },
    ...(canChange
      ? [
          {
            title: t('common.actions.label'),
            key: 'actions',
            render: (_: unknown, tag: TagFieldsFragment) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setTagging({ tagId: tag.id, action: 'TAG' })} disabled={tag.reserved} data-testid={`tag-fans-${tag.id}`}>
                  {t('audiences.tags.tagFans')}
                </Button>
                <Button size="small" onClick={() => setTagging({ tagId: tag.id, action: 'UNTAG' })} disabled={tag.reserved} data-testid={`untag-fans-${tag.id}`}>
                  {t('audiences.tags.untagFans')}
                </Button>
                <Button size="small" onClick={() => setEditing(tag)} disabled={tag.reserved} data-testid={`tag-rename-${tag.id}`}>
                  {t('audiences.tags.rename')}
                </Button>
                <Popconfirm
                  title={t('audiences.tags.deleteConfirm', { name: tag.name })}
                  okText={t('audiences.tags.delete')}
                  cancelText={t('common.actions.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => deleteTag(tag)}
                  disabled={tag.reserved}
                >
                  <Button size="small" danger disabled={tag.reserved} data-testid={`tag-delete-${tag.id}`}>
                    {t('audiences.tags.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={t('audiences.tags.title')}
        extra={
          canChange && (
            <>
              <Button icon={<ReloadOutlined aria-hidden />} loading={refreshing} onClick={() => void refreshFromWeChat()} data-testid="tags-refresh">
                {t('audiences.tags.refresh')}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')} data-testid="tag-create">
                {t('audiences.tags.create')}
              </Button>
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card size="small">
            {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
            <Table<TagFieldsFragment>
              data-testid="tags-table"
              rowKey="id"
              size="small"
              loading={fetching && !data}
              columns={columns}
              dataSource={tags}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('audiences.tags.empty') }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <TagJobsCard accountId={accountId} started={started} onFinished={reload} canCancel={canChange} />
        </Col>
      </Row>
      {editing && (
        <TagFormModal accountId={accountId} tag={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} />
      )}
      {tagging && (
        <TagJobModal
          open
          accountId={accountId}
          tags={tags}
          source={{ kind: 'upload' }}
          initialTagId={tagging.tagId}
          initialAction={tagging.action}
          onClose={() => setTagging(null)}
          onStarted={(job) => {
            setStarted((jobs) => [...jobs, job]);
            // a job may have ended already (few fans): its counts show at once
            if (!inProgress(job)) reload();
          }}
        />
      )}
    </>
  );
}
