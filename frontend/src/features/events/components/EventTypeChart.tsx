import { Card, Empty, Flex, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackEventFieldsFragment } from '../../../gql/graphql';
import { eventGroup, typeKey, typeLabel } from '../eventTypes';
import type { EventGroup } from '../eventTypes';

interface TypeCount {
  key: string;
  label: string;
  group: EventGroup;
  count: number;
}

/** Count per type of the loaded pushes, as horizontal bars (plain HTML, no chart library). */
export function EventTypeChart({ events }: { events: readonly Pick<CallbackEventFieldsFragment, 'type' | 'msgType'>[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const counts = useMemo(() => {
    const byKey = new Map<string, TypeCount>();
    for (const event of events) {
      const key = typeKey(event);
      const entry = byKey.get(key);
      if (entry) entry.count += 1;
      else byKey.set(key, { key, label: typeLabel(t, event), group: eventGroup(event), count: 1 });
    }
    return [...byKey.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }, [events, t]);
  const max = counts[0]?.count ?? 0;
  const colors: Record<EventGroup, string> = { message: token.blue5 ?? token.colorInfo, event: token.purple5 ?? token.colorPrimary };

  return (
    <Card size="small" title={t('events.chart.title')} style={{ height: '100%' }}>
      {counts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.chart.empty')} />
      ) : (
        <ul data-testid="events-chart" aria-label={t('events.chart.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {counts.map(({ key, label, group, count }) => (
            <li key={key} data-testid={`events-chart-${key}`} style={{ marginBottom: 6 }}>
              <Flex align="center" gap={8}>
                <Typography.Text ellipsis style={{ width: 120, flex: 'none', fontSize: 12 }} title={label}>
                  {label}
                </Typography.Text>
                <div aria-hidden style={{ flex: 1, background: token.colorFillTertiary, borderRadius: 3, height: 10 }}>
                  <div
                    style={{
                      width: `${Math.max(4, (count / max) * 100)}%`,
                      height: '100%',
                      borderRadius: 3,
                      background: colors[group],
                    }}
                  />
                </div>
                <Typography.Text strong style={{ width: 36, textAlign: 'end', fontSize: 12 }}>
                  {count}
                </Typography.Text>
              </Flex>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
