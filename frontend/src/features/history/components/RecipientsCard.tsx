import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Input, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { RecipientStateTag } from '../../../components/StateTag';
import type { DispatchRecipientState, HistoryRecipientsQuery as RecipientsData } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { HistoryRecipientsQuery } from '../api/operations';
import { RECIPIENT_STATES, recipientsCsvUrl } from '../states';
import './history.css';

const PAGE = 50;
type Recipient = RecipientsData['historyRecipients']['edges'][number]['node'];

/**
 * A job's recipients: filter by state, search by openid prefix, keyset pages, a row expands to WeChat's
 * answer (errcode, errmsg) and delivery report; the CSV export takes the same state filter.
 */
export function RecipientsCard({ jobId }: { jobId: string }) {
  const { t, i18n } = useTranslation();
  const stack = useCursorStack();
  const [states, setStates] = useState<DispatchRecipientState[]>([]);
  const [openid, setOpenid] = useState('');
  const filter = useMemo(() => ({ states: states.length > 0 ? states : null, openid: openid.trim() || null }), [states, openid]);
  // a new filter starts again on the first page (adjusting state while rendering)
  const [shownFilter, setShownFilter] = useState(filter);
  if (shownFilter !== filter) {
    setShownFilter(filter);
    stack.reset();
  }
  const [{ data, fetching, error }] = useQuery({ query: HistoryRecipientsQuery, variables: { jobId, filter, first: PAGE, after: stack.after } });
  const rows = data?.historyRecipients.edges.map((e) => e.node) ?? [];

  return (
    <Card
      title={t('history.recipients.title')}
      size="small"
      data-testid="job-recipients"
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} href={recipientsCsvUrl(jobId, states)} download data-testid="recipients-csv">
          {t('history.recipients.exportCsv')}
        </Button>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          allowClear
          data-testid="recipients-filter-state"
          aria-label={t('history.recipients.filterState')}
          placeholder={t('history.recipients.filterState')}
          value={states}
          onChange={setStates}
          options={RECIPIENT_STATES.map((state) => ({ value: state, label: t(`dispatch.recipientStates.${state}`) }))}
          maxTagCount="responsive"
          virtual={false}
          style={{ minWidth: 260 }}
        />
        <Input.Search
          allowClear
          data-testid="recipients-search"
          aria-label={t('history.recipients.search')}
          placeholder={t('history.recipients.search')}
          onSearch={setOpenid}
          style={{ width: 300 }}
        />
      </Flex>
      {error && !data && <Typography.Text type="danger">{t('common.errors.loadFailed')}</Typography.Text>}
      <Table<Recipient>
        data-testid="recipients-table"
        rowKey="seq"
        size="small"
        loading={fetching && !data}
        pagination={false}
        dataSource={rows}
        tableLayout="fixed"
        scroll={{ x: 860 }}
        locale={{ emptyText: t('history.recipients.empty') }}
        expandable={{
          expandedRowRender: (r) => <RecipientDetails recipient={r} />,
          rowExpandable: () => true,
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          {
            title: t('history.recipients.openid'),
            dataIndex: 'openid',
            render: (value: string) => (
              <Typography.Text code ellipsis={{ tooltip: value }} style={{ maxWidth: '100%' }}>
                {value}
              </Typography.Text>
            ),
          },
          {
            title: t('history.recipients.state'),
            dataIndex: 'state',
            width: 150,
            render: (state: DispatchRecipientState, r) => (
              <RecipientStateTag state={state} testId={`recipient-state-${r.seq}`} />
            ),
          },
          { title: t('history.recipients.sentAt'), dataIndex: 'sentAt', width: 170, render: (at: string | null) => formatDateTime(at, i18n.language) },
          {
            title: t('history.recipients.result'),
            key: 'result',
            ellipsis: true,
            render: (_: unknown, r) => <span title={resultText(r)}>{resultText(r)}</span>,
          },
        ]}
      />
      <CursorPager stack={stack} pageInfo={data?.historyRecipients.pageInfo} />
    </Card>
  );
}

/** The short answer shown in the row: the report status, the error or the skip reason. */
function resultText(r: Recipient): string {
  if (r.errcode != null) return `${r.errcode} ${r.errmsg ?? ''}`.trim();
  return r.reportStatus ?? r.skipReason ?? '';
}

function RecipientDetails({ recipient: r }: { recipient: Recipient }) {
  const { t, i18n } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { width: 180 } }} data-testid={`recipient-details-${r.seq}`}>
      <Descriptions.Item label={t('history.recipients.openid')}>
        <Typography.Text code copyable className="history-break">
          {r.openid}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.attempts')}>{r.attempts}</Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.msgid')}>
        <span className="history-break">{r.msgid ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.sentAt')}>{formatDateTime(r.sentAt, i18n.language)}</Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.errcode')}>{r.errcode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.errmsg')}>
        <span className="history-break">{r.errmsg ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.reportStatus')}>
        <span className="history-break" data-testid={`recipient-report-${r.seq}`}>
          {r.reportStatus ?? '—'}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('history.recipients.reportedAt')}>{formatDateTime(r.reportedAt, i18n.language)}</Descriptions.Item>
      {r.skipReason && (
        <Descriptions.Item label={t('history.recipients.skipReason')}>
          <span className="history-break">{t(`dispatch.reasons.${r.skipReason}`, { defaultValue: r.skipReason })}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
