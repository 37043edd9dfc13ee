import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { graphql } from '../../../gql';
import type { Role, UserFieldsFragment } from '../../../gql/graphql';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { translateUserError } from '../../../lib/userErrors';
import { CreateUserModal } from './CreateUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RoleChoice } from './RoleTag';

export const USERS_PAGE_SIZE = 50;

export const UsersListQuery = graphql(`
  query UsersList($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...UserFields
        }
      }
    }
  }
`);

export const UserUpdateMutation = graphql(`
  mutation UserUpdate($input: UserUpdateInput!) {
    userUpdate(input: $input) {
      user {
        ...UserFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const LIST_CONTEXT = { additionalTypenames: ['User'] };

/** `/users` (ADMIN): list, create, change role, enable/disable, reset password. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const pages = useCursorStack();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<{ id: string; username: string } | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const [{ data, error, fetching }, reexecute] = useQuery({
    query: UsersListQuery,
    variables: { first: USERS_PAGE_SIZE, after: pages.after },
    context: LIST_CONTEXT,
  });
  const [, updateUser] = useMutation(UserUpdateMutation);

  const connection = data?.users;
  const rows = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  const update = async (user: UserFieldsFragment, change: { role?: Role; enabled?: boolean }) => {
    setPendingId(user.id);
    try {
      const result = await updateUser({
        input: { id: user.id, role: change.role ?? user.role, enabled: change.enabled ?? user.enabled },
      });
      const payload = result.data?.userUpdate;
      if (result.error || !payload) {
        if (result.error) message.error(t('common.errors.saveFailed'));
        return;
      }
      if (payload.userErrors.length > 0) {
        for (const e of payload.userErrors) message.error(translateUserError(t, e, 'users'));
        return;
      }
      message.success(t('users.messages.updated', { username: user.username }));
    } finally {
      setPendingId(null);
    }
  };

  const columns: TableColumnsType<UserFieldsFragment> = [
    {
      title: t('users.fields.username'),
      dataIndex: 'username',
      render: (username: string, user) => (
        <Space>
          {username}
          {user.id === me?.id && <Tag>{t('users.list.you')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('users.fields.role'),
      dataIndex: 'role',
      render: (_role, user) => (
        <RoleChoice
          label={t('users.actions.changeRoleOf', { username: user.username })}
          value={user.role}
          size="small"
          disabled={pendingId === user.id}
          onChange={(role) => void update(user, { role })}
        />
      ),
    },
    {
      title: t('users.fields.enabled'),
      dataIndex: 'enabled',
      render: (_enabled, user) => (
        <Switch
          aria-label={t('users.actions.enabledOf', { username: user.username })}
          checked={user.enabled}
          loading={pendingId === user.id}
          checkedChildren={t('users.enabled.yes')}
          unCheckedChildren={t('users.enabled.no')}
          onChange={(enabled) => void update(user, { enabled })}
        />
      ),
    },
    {
      title: t('users.fields.createdAt'),
      dataIndex: 'createdAt',
      render: (value: string) => formatDateTime(value, i18n.language),
    },
    {
      title: t('users.fields.lastSignInAt'),
      dataIndex: 'lastSignInAt',
      render: (value: string | null) => (value ? formatDateTime(value, i18n.language) : t('users.list.never')),
    },
    {
      title: t('common.actions.label'),
      key: 'actions',
      render: (_value, user) => (
        <Button
          size="small"
          icon={<KeyOutlined aria-hidden />}
          aria-label={t('users.actions.resetPasswordOf', { username: user.username })}
          onClick={() => setResetting({ id: user.id, username: user.username })}
        >
          {t('users.actions.resetPassword')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.list.title')}
        subtitle={connection ? t('users.list.total', { count: connection.totalCount }) : undefined}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('users.actions.new')}
          </Button>
        }
      />
      {error && !data ? (
        <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div data-testid="users-table">
          <Table<UserFieldsFragment>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={fetching && !data}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </div>
      )}
      <CursorPager stack={pages} pageInfo={connection?.pageInfo} />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
