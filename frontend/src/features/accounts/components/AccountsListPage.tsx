import { CheckCircleTwoTone, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { graphql } from '../../../gql';
import type { AccountFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { AccountChangedSubscription } from '../api/subscriptions';
import { AccountStatusTag, AccountTypeTag, ApiTargetTag } from './StatusTag';

export const PAGE_SIZE = 20;

export const AccountsListQuery = graphql(`
  query AccountsList($first: Int!, $after: String, $search: String) {
    accounts(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AccountFields
        }
      }
    }
  }
`);

const LIST_CONTEXT = { additionalTypenames: ['Account'] };

/** `/accounts`: searchable, cursor-paginated, refreshed live on `accountChanged`. */
export function AccountsListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCan('manageAccounts');
  const [searchInput, setSearchInput] = useState('');
  const [search, setSearch] = useState('');
  const pages = useCursorStack();
  const after = pages.after;

  const [{ data, error, fetching }, reexecute] = useQuery({
    query: AccountsListQuery,
    variables: { first: PAGE_SIZE, after, search: search || null },
    context: LIST_CONTEXT,
  });
  const [{ data: change }] = useSubscription({ query: AccountChangedSubscription });

  // Another admin (or this one, in another tab) changed an account: refresh the page.
  useEffect(() => {
    if (change) reexecute({ requestPolicy: 'network-only' });
  }, [change, reexecute]);

  const connection = data?.accounts;
  const rows = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);

  const columns: TableColumnsType<AccountFieldsFragment> = [
    {
      title: t('accounts.fields.name'),
      dataIndex: 'name',
      render: (_value, account) => <Link to={`/accounts/${account.id}`}>{account.name}</Link>,
    },
    {
      title: t('accounts.fields.appId'),
      dataIndex: 'appId',
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    { title: t('accounts.fields.originalId'), dataIndex: 'originalId' },
    {
      title: t('accounts.fields.type'),
      dataIndex: 'type',
      render: (_value, account) => <AccountTypeTag type={account.type} />,
    },
    {
      title: t('accounts.fields.verified'),
      dataIndex: 'verified',
      render: (verified: boolean) =>
        verified ? (
          <Space size={4}>
            <CheckCircleTwoTone twoToneColor="#52c41a" aria-hidden />
            {t('accounts.verified.yes')}
          </Space>
        ) : (
          <Space size={4}>
            <MinusCircleOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.35)' }} />
            {t('accounts.verified.no')}
          </Space>
        ),
    },
    {
      title: t('accounts.fields.encryptionMode'),
      dataIndex: 'encryptionMode',
      render: (_value, account) => t(`accounts.encryptionMode.${account.encryptionMode}`),
    },
    {
      title: t('accounts.fields.apiTarget'),
      dataIndex: 'apiTarget',
      render: (_value, account) => <ApiTargetTag target={account.apiTarget} />,
    },
    {
      title: t('accounts.fields.status'),
      dataIndex: 'status',
      render: (_value, account) => <AccountStatusTag status={account.status} />,
    },
  ];

  const applySearch = (value: string) => {
    setSearch(value.trim());
    pages.reset();
  };

  return (
    <>
      <PageHeader
        title={t('accounts.list.title')}
        subtitle={connection ? t('accounts.list.total', { count: connection.totalCount }) : undefined}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/accounts/new')}>
              {t('accounts.actions.new')}
            </Button>
          )
        }
      />
      <Flex style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('accounts.list.search')}
          placeholder={t('accounts.list.searchPlaceholder')}
          allowClear
          enterButton={t('common.actions.search')}
          value={searchInput}
          onChange={(e) => {
            setSearchInput(e.target.value);
            if (e.target.value === '' && search !== '') applySearch('');
          }}
          onSearch={applySearch}
          style={{ maxWidth: 420 }}
        />
      </Flex>
      {error && !data ? (
        <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : (
        <div data-testid="accounts-table">
          <Table<AccountFieldsFragment>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={fetching && !data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              // nothing under the spinner until the first answer: "no accounts yet" is only true then
              emptyText: !data ? (
                <div style={{ minHeight: 120 }} />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={search ? t('accounts.list.noMatches', { search }) : t('accounts.list.empty')}
                >
                  {canManage && !search && (
                    <Button type="primary" onClick={() => navigate('/accounts/new')}>
                      {t('accounts.actions.createFirst')}
                    </Button>
                  )}
                </Empty>
              ),
            }}
          />
        </div>
      )}
      <CursorPager stack={pages} pageInfo={connection?.pageInfo} />
    </>
  );
}
