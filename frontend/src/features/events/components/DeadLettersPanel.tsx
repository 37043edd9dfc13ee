import { Alert, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { CallbackDeadLettersQuery } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';

/** Pushes of the account whose publishing failed too often (admins only). */
export const CallbackDeadLettersQueryDocument = graphql(`
  query CallbackDeadLetters($accountId: ID!, $first: Int!) {
    callbackDeadLetters(accountId: $accountId, first: $first) {
      totalCount
      edges {
        node {
          id
          type
          openid
          receivedAt
          deadLetteredAt
          attempts
          lastError
        }
      }
    }
  }
`);

type DeadLetter = CallbackDeadLettersQuery['callbackDeadLetters']['edges'][number]['node'];

/**
 * A warning above the events console when pushes were set aside (dead-lettered) because publishing them kept
 * failing; lists the latest with their error. Renders nothing when there are none. For admins only.
 */
export function DeadLettersPanel({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: CallbackDeadLettersQueryDocument, variables: { accountId, first: 20 } });
  const letters = data?.callbackDeadLetters;
  if (!letters || letters.totalCount === 0) return null;
  const columns: TableColumnsType<DeadLetter> = [
    { title: t('events.deadLetters.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v, i18n.language) },
    { title: t('events.deadLetters.type'), dataIndex: 'type' },
    { title: t('events.deadLetters.openid'), dataIndex: 'openid', render: (v: string | null) => v ?? '—' },
    { title: t('events.deadLetters.attempts'), dataIndex: 'attempts' },
    {
      title: t('events.deadLetters.lastError'),
      dataIndex: 'lastError',
      render: (v: string) => (
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {v}
        </Typography.Text>
      ),
    },
  ];
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="dead-letters"
      message={t('events.deadLetters.title', { count: letters.totalCount })}
      description={
        <>
          <Typography.Paragraph type="secondary">{t('events.deadLetters.explain')}</Typography.Paragraph>
          <Table<DeadLetter>
            size="small"
            rowKey="id"
            pagination={false}
            tableLayout="fixed"
            columns={columns}
            dataSource={letters.edges.map((e) => e.node)}
          />
        </>
      }
    />
  );
}
