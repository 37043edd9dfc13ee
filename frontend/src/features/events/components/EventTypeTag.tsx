import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallbackEventFieldsFragment } from '../../../gql/graphql';
import { GROUP_COLORS, eventGroup, typeLabel } from '../eventTypes';

/** The push's kind, coloured by group (messages / events). */
export function EventTypeTag({ event }: { event: Pick<CallbackEventFieldsFragment, 'type' | 'msgType'> }) {
  const { t } = useTranslation();
  const group = eventGroup(event);
  return (
    <Tag color={GROUP_COLORS[group]} data-group={group} style={{ marginInlineEnd: 0 }}>
      {typeLabel(t, event)}
    </Tag>
  );
}
