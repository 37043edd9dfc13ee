import { TagsOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import type { FanFieldsFragment, FanOrder, FanSyncFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { FanCountQuery, FansQuery, TagsQuery } from '../api/operations';
import { EMPTY_FILTER, toFanFilterInput } from '../filter';
import type { FanFilterValues } from '../filter';
import { FanFilterForm } from './FanFilterForm';
import { FanSyncPanel } from './FanSyncPanel';
import { TagJobModal } from './TagJobModal';
import { TestFansCard } from './TestFansCard';
import type { TagJobSource } from './TagJobModal';
import { WindowBadge } from './WindowBadge';

const PAGE_SIZE = 50;
const ORDERS: readonly FanOrder[] = ['OPENID', 'SUBSCRIBED_AT_DESC', 'LAST_INTERACTION_DESC'];

/**
 * `/accounts/:id/fans`: the account's fans with search and filters, a count of the matching fans,
 * keyset pages, the sync panel and bulk tagging of the selection or of everything matching.
 */
export function FansPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t, i18n } = useTranslation();
  const canChange = useCan('manageAccounts');
  const [filter, setFilter] = useState<FanFilterValues>(EMPTY_FILTER);
  const [orderBy, setOrderBy] = useState<FanOrder>('OPENID');
  const stack = useCursorStack();
  const [selected, setSelected] = useState<string[]>([]);
  const [tagging, setTagging] = useState<TagJobSource | null>(null);

  const filterInput = useMemo(() => toFanFilterInput(filter), [filter]);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: FansQuery,
    variables: { accountId, filter: filterInput, orderBy, first: PAGE_SIZE, after: stack.after },
  });
  const [{ data: countData }, recount] = useQuery({ query: FanCountQuery, variables: { accountId, filter: filterInput } });
  const [{ data: tagsData }] = useQuery({ query: TagsQuery, variables: { accountId } });
  const tags = tagsData?.tags ?? [];

  // a new filter or order starts again on the first page, with nothing selected (adjusting state while rendering)
  const [shown, setShown] = useState({ filterInput, orderBy });
  if (shown.filterInput !== filterInput || shown.orderBy !== orderBy) {
    setShown({ filterInput, orderBy });
    stack.reset();
    setSelected([]);
  }

  const reload = () => {
    reexecute({ requestPolicy: 'network-only' });
    recount({ requestPolicy: 'network-only' });
  };
  const onSyncFinished = (_sync: FanSyncFieldsFragment) => reload();

  const fans = data?.fans.edges.map((edge) => edge.node) ?? [];
  const count = countData?.fanCount;

  const columns: TableColumnsType<FanFieldsFragment> = [
    {
      title: t('audiences.fans.columns.openid'),
      dataIndex: 'openid',
      render: (openid: string) => (
        <Link to={`/accounts/${accountId}/fans/${encodeURIComponent(openid)}`} data-testid={`fan-link-${openid}`}>
          <Typography.Text code>{openid}</Typography.Text>
        </Link>
      ),
    },
    { title: t('audiences.fans.columns.remark'), dataIndex: 'remark', render: (remark: string) => remark || '—' },
    {
      title: t('audiences.fans.columns.tags'),
      dataIndex: 'tags',
      render: (fanTags: FanFieldsFragment['tags']) =>
        fanTags.length === 0 ? '—' : fanTags.map((tag) => <Tag key={tag.id}>{tag.name ?? tag.id}</Tag>),
    },
    {
      title: t('audiences.fans.columns.subscribed'),
      dataIndex: 'subscribed',
      render: (subscribed: boolean) =>
        subscribed ? <Tag color="green">{t('audiences.fans.subscribedYes')}</Tag> : <Tag>{t('audiences.fans.subscribedNo')}</Tag>,
    },
    {
      title: t('audiences.fans.columns.subscribedAt'),
      dataIndex: 'subscribedAt',
      render: (value: string | null) => formatDateTime(value, i18n.language),
    },
    {
      title: t('audiences.fans.columns.lastInteraction'),
      dataIndex: 'lastInteractionAt',
      render: (value: string | null) => formatDateTime(value, i18n.language),
    },
    {
      title: t('audiences.fans.columns.window'),
      key: 'window',
      render: (_: unknown, fan) => <WindowBadge window={fan.window} testId={`fan-window-${fan.openid}`} />,
    },
  ];

  return (
    <>
      <PageHeader title={account.name} subtitle={t('audiences.fans.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <FanFilterForm value={filter} onChange={setFilter} tags={tags} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small">
            <Statistic
              title={t('audiences.fans.matching')}
              value={count ?? '—'}
              valueRender={(node) => <span data-testid="fan-count">{node}</span>}
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title={
              <Space>
                <span>{t('audiences.fans.list')}</span>
                <Select<FanOrder>
                  size="small"
                  aria-label={t('audiences.fans.order')}
                  data-testid="fan-order"
                  value={orderBy}
                  onChange={setOrderBy}
                  options={ORDERS.map((order) => ({ value: order, label: t(`audiences.fans.orders.${order}`), title: t(`audiences.fans.orders.${order}`) }))}
                  style={{ minWidth: 160 }}
                />
              </Space>
            }
            extra={
              canChange && (
                <Space>
                  <Button
                    size="small"
                    icon={<TagsOutlined aria-hidden />}
                    disabled={selected.length === 0}
                    onClick={() => setTagging({ kind: 'openids', openids: selected })}
                    data-testid="fans-tag-selected"
                  >
                    {t('audiences.fans.tagSelected', { count: selected.length })}
                  </Button>
                  <Button
                    size="small"
                    icon={<TagsOutlined aria-hidden />}
                    onClick={() => setTagging({ kind: 'filter', filter: filterInput, count })}
                    data-testid="fans-tag-matching"
                  >
                    {t('audiences.fans.tagMatching')}
                  </Button>
                </Space>
              )
            }
          >
            {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} style={{ marginBottom: 12 }} />}
            <Table<FanFieldsFragment>
              data-testid="fans-table"
              rowKey="openid"
              size="small"
              loading={fetching && !data}
              columns={columns}
              dataSource={fans}
              pagination={false}
              scroll={{ x: true }}
              rowSelection={
                canChange ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: true } : undefined
              }
              locale={{ emptyText: t('audiences.fans.empty') }}
            />
            <CursorPager stack={stack} pageInfo={data?.fans.pageInfo} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <FanSyncPanel accountId={accountId} canStart={canChange} onFinished={onSyncFinished} />
            <TestFansCard accountId={accountId} />
          </Flex>
        </Col>
      </Row>
      {tagging && (
        <TagJobModal
          open
          accountId={accountId}
          tags={tags}
          source={tagging}
          onClose={() => setTagging(null)}
          onStarted={() => setSelected([])}
        />
      )}
    </>
  );
}
