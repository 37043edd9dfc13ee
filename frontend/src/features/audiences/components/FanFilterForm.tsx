import { Button, Flex, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FanTagMatch, FanWindowState, TagFieldsFragment } from '../../../gql/graphql';
import { EMPTY_FILTER } from '../filter';
import type { FanFilterValues } from '../filter';

/** 'YYYY-MM-DD' of an ISO instant in local time ('' for none). */
function toDateInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The ISO instant of local midnight starting a day ('YYYY-MM-DD'), `days` later. */
function startOfDay(day: string, days = 0): string | null {
  if (!day) return null;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return null;
  date.setDate(date.getDate() + days);
  return date.toISOString();
}

/** The day before an exclusive end instant ('' for none). */
function endDateInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  date.setDate(date.getDate() - 1);
  return toDateInput(date.toISOString());
}

/**
 * The fans filter controls shared by the fans list and the segment builder: search (openid prefix or
 * remark), tags with any / all / none, subscribed, last interaction period (whole days, local time) and
 * customer-service window state. Controlled: every change is reported at once, search on Enter.
 */
export function FanFilterForm({
  value,
  onChange,
  tags,
}: {
  value: FanFilterValues;
  onChange: (value: FanFilterValues) => void;
  tags: readonly TagFieldsFragment[];
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value.search);
  const [lastSearch, setLastSearch] = useState(value.search);
  if (value.search !== lastSearch) {
    // the filter was replaced from outside (reset, a segment loaded)
    setLastSearch(value.search);
    setSearch(value.search);
  }
  const set = (patch: Partial<FanFilterValues>) => onChange({ ...value, ...patch });

  return (
    <Flex vertical gap={12} data-testid="fan-filter">
      <Flex wrap gap={12} align="center">
        <Input.Search
          allowClear
          data-testid="fan-filter-search"
          aria-label={t('audiences.filter.search')}
          placeholder={t('audiences.filter.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            if (event.target.value === '' && value.search !== '') set({ search: '' });
          }}
          onSearch={(text) => set({ search: text })}
          style={{ width: 280 }}
        />
        <Space>
          <Typography.Text type="secondary">{t('audiences.filter.tags')}</Typography.Text>
          <Select
            mode="multiple"
            allowClear
            data-testid="fan-filter-tags"
            aria-label={t('audiences.filter.tags')}
            placeholder={t('audiences.filter.tagsPlaceholder')}
            style={{ minWidth: 220 }}
            value={value.tagIds}
            onChange={(tagIds: number[]) => set({ tagIds })}
            options={tags.map((tag) => ({ value: tag.id, label: tag.name, title: tag.name }))}
            optionFilterProp="label"
          />
          <span data-testid="fan-filter-tag-match" role="radiogroup" aria-label={t('audiences.filter.tagMatch')}>
            <Radio.Group
              optionType="button"
              size="small"
              value={value.tagMatch}
              onChange={(event) => set({ tagMatch: event.target.value as FanTagMatch })}
              options={(['ANY', 'ALL', 'NONE'] as const).map((match) => ({ value: match, label: t(`audiences.filter.match.${match}`) }))}
            />
          </span>
        </Space>
      </Flex>
      <Flex wrap gap={12} align="center">
        <Space>
          <Typography.Text type="secondary">{t('audiences.filter.subscribed')}</Typography.Text>
          <span data-testid="fan-filter-subscribed" role="radiogroup" aria-label={t('audiences.filter.subscribed')}>
            <Radio.Group
              optionType="button"
              size="small"
              value={value.subscribed}
              onChange={(event) => set({ subscribed: event.target.value as FanFilterValues['subscribed'] })}
              options={(['any', 'yes', 'no'] as const).map((option) => ({
                value: option,
                label: t(`audiences.filter.subscribedOptions.${option}`),
              }))}
            />
          </span>
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('audiences.filter.window')}</Typography.Text>
          <span data-testid="fan-filter-window" role="radiogroup" aria-label={t('audiences.filter.window')}>
            <Radio.Group
              optionType="button"
              size="small"
              value={value.window ?? 'ANY'}
              onChange={(event) => {
                const next = event.target.value as FanWindowState | 'ANY';
                set({ window: next === 'ANY' ? null : next });
              }}
              options={(['ANY', 'OPEN', 'CLOSED'] as const).map((option) => ({
                value: option,
                label: t(`audiences.filter.windowOptions.${option}`),
              }))}
            />
          </span>
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('audiences.filter.interacted')}</Typography.Text>
          <Input
            type="date"
            size="small"
            data-testid="fan-filter-interacted-from"
            aria-label={t('audiences.filter.interactedFrom')}
            value={toDateInput(value.interactedAfter)}
            onChange={(event) => set({ interactedAfter: startOfDay(event.target.value) })}
            style={{ width: 150 }}
          />
          <Typography.Text type="secondary">–</Typography.Text>
          <Input
            type="date"
            size="small"
            data-testid="fan-filter-interacted-to"
            aria-label={t('audiences.filter.interactedTo')}
            value={endDateInput(value.interactedBefore)}
            onChange={(event) => set({ interactedBefore: startOfDay(event.target.value, 1) })}
            style={{ width: 150 }}
          />
        </Space>
        <Button size="small" onClick={() => onChange(EMPTY_FILTER)} data-testid="fan-filter-reset">
          {t('common.actions.reset')}
        </Button>
      </Flex>
    </Flex>
  );
}
