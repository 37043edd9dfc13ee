import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVENT_TYPES, MESSAGE_TYPES } from '../eventTypes';

export interface EventTypeFilterProps {
  value: readonly string[];
  onChange(types: string[]): void;
  /** Types seen in the loaded pushes that the console does not know (shown verbatim). */
  otherTypes?: readonly string[];
}

/** Multiple choice of types, grouped Messages / Events; empty = everything. */
export function EventTypeFilter({ value, onChange, otherTypes = [] }: EventTypeFilterProps) {
  const { t } = useTranslation();
  const known = new Set<string>([...MESSAGE_TYPES, ...EVENT_TYPES]);
  const others = [...new Set([...otherTypes, ...value])].filter((type) => !known.has(type)).sort();
  const options = [
    {
      label: t('events.groups.messages'),
      options: MESSAGE_TYPES.map((type) => ({
        value: type,
        label: t(`events.types.${type}`),
      })),
    },
    {
      label: t('events.groups.events'),
      options: [
        ...EVENT_TYPES.map((type) => ({ value: type, label: t(`events.types.${type}`) })),
        ...others.map((type) => ({ value: type, label: type })),
      ],
    },
  ];
  return (
    <Select
      mode="multiple"
      allowClear
      data-testid="events-filter"
      aria-label={t('events.filter.label')}
      placeholder={t('events.filter.placeholder')}
      value={[...value]}
      onChange={(types: string[]) => onChange(types)}
      options={options}
      optionFilterProp="label"
      virtual={false}
      maxTagCount="responsive"
      style={{ minWidth: 280, maxWidth: 560, flex: 1 }}
    />
  );
}
