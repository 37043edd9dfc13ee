import { DeleteOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import type { TemplateFieldsFragment, TemplateSetupModel } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { translateUserError } from '../../../lib/userErrors';
import { TemplateDeleteMutation, TemplatesQuery, TemplateSyncMutation } from '../api/operations';
import { templateIndustryName } from '../industry';
import { AddTemplateModal } from './AddTemplateModal';

/** WeChat allows 25 templates, so one page holds the whole library; the shared pager appears only if it ever does not. */
const PAGE_SIZE = 100;

/** The account's template library: count against the limit, sync, add and delete (OPERATOR+). */
export function TemplatesCard({
  accountId,
  limit,
  model,
  onChanged,
}: {
  accountId: string;
  limit: number;
  /** In the category model a template's "industry" is its service category (and parent). */
  model: TemplateSetupModel;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('manageAccounts');
  const [adding, setAdding] = useState(false);
  const pages = useCursorStack();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: TemplatesQuery,
    variables: { accountId, first: PAGE_SIZE, after: pages.after },
  });
  const [{ fetching: syncing }, sync] = useMutation(TemplateSyncMutation);
  const [{ fetching: deleting }, remove] = useMutation(TemplateDeleteMutation);

  const refresh = () => {
    reexecute({ requestPolicy: 'network-only' });
    onChanged();
  };

  const handleSync = async () => {
    const result = await sync({ input: { accountId } });
    const payload = result.data?.templateSync;
    if (result.error || !payload) {
      message.error(t('templates.messages.syncFailed'));
      return;
    }
    if (payload.userErrors.length > 0) {
      payload.userErrors.forEach((e) => message.error(translateUserError(t, e, 'templates')));
      return;
    }
    message.success(
      t('templates.messages.synced', {
        added: payload.added ?? 0,
        updated: payload.updated ?? 0,
        removed: payload.removed ?? 0,
        total: payload.total ?? 0,
      }),
    );
    refresh();
  };

  const handleDelete = async (template: TemplateFieldsFragment) => {
    const result = await remove({ input: { id: template.id } });
    const payload = result.data?.templateDelete;
    if (result.error || !payload) {
      message.error(t('templates.messages.deleteFailed'));
      return;
    }
    if (payload.userErrors.length > 0) {
      payload.userErrors.forEach((e) => message.error(translateUserError(t, e, 'templates')));
      return;
    }
    message.success(t('templates.messages.deleted', { title: template.title }));
    refresh();
  };

  const templates = data?.templates.edges.map((edge) => edge.node) ?? [];
  const count = data?.templates.totalCount ?? 0;
  const full = count >= limit;

  const columns: TableColumnsType<TemplateFieldsFragment> = [
    {
      key: 'title',
      title: t('templates.fields.title'),
      render: (_, template) => (
        <Space direction="vertical" size={0}>
          <Link to={`/accounts/${accountId}/templates/${template.id}`}>{template.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: template.templateId }}>
            {template.templateId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'industry',
      title: model === 'CATEGORY' ? t('templates.categories.column') : t('templates.fields.industry'),
      render: (_, template) => templateIndustryName(template, model, i18n.language),
    },
    {
      key: 'fields',
      title: t('templates.fields.fieldKeys'),
      render: (_, template) => (
        <Flex wrap gap={4}>
          {template.fields.map((field) => (
            <Tag key={field.key} color={field.legacy ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {field.key}
            </Tag>
          ))}
        </Flex>
      ),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions.label'),
            width: 100,
            render: (_: unknown, template: TemplateFieldsFragment) => (
              <Popconfirm
                title={t('templates.delete.title', { title: template.title })}
                description={t('templates.delete.description')}
                okText={t('templates.delete.confirm')}
                cancelText={t('common.actions.cancel')}
                okButtonProps={{ danger: true, loading: deleting }}
                onConfirm={() => handleDelete(template)}
              >
                <Button danger size="small" icon={<DeleteOutlined aria-hidden />} data-testid={`template-delete-${template.id}`}>
                  {t('templates.actions.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('templates.library.title')}
      extra={
        canManage && (
          <Space wrap>
            <Button icon={<SyncOutlined aria-hidden />} loading={syncing} onClick={() => void handleSync()} data-testid="templates-sync">
              {t('templates.actions.sync')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="templates-add">
              {t('templates.actions.add')}
            </Button>
          </Space>
        )
      }
    >
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text data-testid="templates-count">{t('templates.library.count', { count, limit })}</Typography.Text>
        <Progress
          percent={limit > 0 ? Math.round((count / limit) * 100) : 0}
          status={full ? 'exception' : 'normal'}
          showInfo={false}
          style={{ flex: 1, maxWidth: 240, margin: 0 }}
          aria-label={t('templates.library.count', { count, limit })}
        />
      </Flex>
      {error && !data ? (
        <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <Table<TemplateFieldsFragment>
          data-testid="templates-table"
          rowKey="id"
          size="middle"
          loading={fetching && !data}
          columns={columns}
          dataSource={templates}
          pagination={false}
          locale={{ emptyText: t('templates.library.empty') }}
        />
      )}
      <CursorPager stack={pages} pageInfo={data?.templates.pageInfo} />
      {canManage && (
        <AddTemplateModal
          open={adding}
          accountId={accountId}
          model={model}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
