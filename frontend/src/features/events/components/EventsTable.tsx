import { Badge, Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyableText } from '../../../components/CopyableText';
import type { EventRow } from '../hooks/eventsState';
import { formatEventTime } from '../format';
import { EventDetails } from './EventDetails';
import { EventTypeTag } from './EventTypeTag';
import './events.css';

export interface EventsTableProps {
  rows: EventRow[];
  loading: boolean;
  /** Ids of live pushes to highlight. */
  fresh: readonly string[];
  showRawXml: boolean;
  filtered: boolean;
}

/** Pushes newest first; a row click expands its fields (and raw XML for admins). */
export function EventsTable({ rows, loading, fresh, showRawXml, filtered }: EventsTableProps) {
  const { t, i18n } = useTranslation();
  const freshIds = new Set(fresh);

  const columns: TableColumnsType<EventRow> = [
    {
      title: t('events.fields.receivedAt'),
      dataIndex: 'receivedAt',
      width: 190,
      render: (value: string) => <time dateTime={value}>{formatEventTime(value, i18n.language)}</time>,
    },
    {
      title: t('events.fields.type'),
      dataIndex: 'type',
      width: 150,
      render: (_value, event) => <EventTypeTag event={event} />,
    },
    {
      title: t('events.fields.openid'),
      dataIndex: 'openid',
      width: 260,
      ellipsis: true,
      render: (openid: string | null) =>
        openid ? (
          // copying must not toggle the row
          <span onClick={(e) => e.stopPropagation()}>
            <CopyableText text={openid} copyLabel={t('events.actions.copyOpenid')} />
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('events.fields.summary'),
      dataIndex: 'summary',
      ellipsis: true,
      render: (summary: string) => summary || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('events.fields.processed'),
      dataIndex: 'processedAt',
      width: 120,
      render: (processedAt: string | null) =>
        processedAt ? (
          <Badge status="success" text={t('events.processed.yes')} />
        ) : (
          <Badge status="warning" text={t('events.processed.no')} />
        ),
    },
  ];

  return (
    <div data-testid="events-table">
      <Table<EventRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        // fixed layout at the page's width: an expanded row's long values wrap inside it. With
        // scroll x 'max-content' the table grew to its longest unwrapped value (~1,000,000 px).
        tableLayout="fixed"
        rowClassName={(event) => (freshIds.has(event.id) ? 'events-row events-row-new' : 'events-row')}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (event) => <EventDetails event={event} showRawXml={showRawXml} />,
        }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('events.list.noMatches') : t('events.list.empty')}
            />
          ),
        }}
      />
    </div>
  );
}
