import { Collapse, Descriptions, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallbackEventFieldsFragment } from '../../../gql/graphql';
import { formatEventTime } from '../format';

export interface EventDetailsProps {
  event: CallbackEventFieldsFragment;
  /** Admins only: the raw XML section is not rendered at all otherwise. */
  showRawXml: boolean;
}

/** Every parsed field of a push, and (admins) the decrypted XML as received. */
export function EventDetails({ event, showRawXml }: EventDetailsProps) {
  const { t, i18n } = useTranslation();
  return (
    <Space
      direction="vertical"
      size="middle"
      // inside the expanded row: never wider than the table, long values wrap
      style={{ width: '100%', minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' }}
      className="event-details"
      data-testid={`event-details-${event.id}`}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('events.fields.id')}>{event.id}</Descriptions.Item>
        <Descriptions.Item label={t('events.fields.msgType')}>
          <Typography.Text code>{event.msgType}</Typography.Text>
          {event.event && <Typography.Text code>{event.event}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('events.fields.createdAt')}>
          {formatEventTime(event.createdAt, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('events.fields.processedAt')}>
          {formatEventTime(event.processedAt, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
      {event.fields.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.details.noFields')} />
      ) : (
        <Descriptions
          title={t('events.details.fields')}
          bordered
          size="small"
          column={1}
          items={event.fields.map((field, index) => ({
            key: `${index}-${field.name}`,
            label: <Typography.Text code>{field.name}</Typography.Text>,
            children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{field.value}</span>,
          }))}
        />
      )}
      {showRawXml && event.rawXml && (
        <Collapse
          size="small"
          items={[
            {
              key: 'raw',
              label: t('events.details.rawXml'),
              children: (
                <pre
                  data-testid="event-raw-xml"
                  style={{ margin: 0, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
                >
                  {event.rawXml}
                </pre>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
