import { Button, Result, Skeleton } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { graphql } from '../../../gql';
import { CurrentAccountContext } from '../../../lib/currentAccount';
import type { CurrentAccount } from '../../../lib/currentAccount';
import { AccountChangedSubscription } from '../api/subscriptions';

export const AccountQuery = graphql(`
  query Account($id: ID!) {
    account(id: $id) {
      ...AccountFields
    }
  }
`);

/**
 * The `accounts/:id` layout route: loads the account once for every page under it (details,
 * events, templates), follows changes made elsewhere, and shows the not-found state itself.
 * Pages read the account with `useCurrentAccount()`.
 */
export function AccountLayout() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [{ data, error }, reexecute] = useQuery({ query: AccountQuery, variables: { id } });
  const [{ data: change }] = useSubscription({ query: AccountChangedSubscription });

  useEffect(() => {
    if (change?.accountChanged.accountId === id) reexecute({ requestPolicy: 'network-only' });
  }, [change, id, reexecute]);

  const account = data?.account;
  const current = useMemo<CurrentAccount | null>(
    () => (account ? { account, reload: () => reexecute({ requestPolicy: 'network-only' }) } : null),
    [account, reexecute],
  );

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!current) {
    return (
      <Result
        status="404"
        title={t('accounts.errors.NOT_FOUND')}
        extra={
          <Link to="/accounts">
            <Button type="primary">{t('accounts.actions.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <CurrentAccountContext.Provider value={current}>
      <Outlet />
    </CurrentAccountContext.Provider>
  );
}
