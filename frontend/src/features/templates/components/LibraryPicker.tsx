import { Flex, Form, Select, Tag, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateLibraryQuery } from '../../../gql/graphql';

export type Library = TemplateLibraryQuery['templateLibrary'];
export type LibraryEntry = Library['entries'][number];

/** "primary / deputy" for industry templates, "parent / category" for category ones, as in the library table. */
export function entryIndustry(entry: LibraryEntry): string {
  const parts = entry.categoryId != null ? [entry.deputyIndustry, entry.primaryIndustry] : [entry.primaryIndustry, entry.deputyIndustry];
  return parts.filter(Boolean).join(' / ');
}

function entryName(entry: LibraryEntry): string {
  return `${entry.shortId} · ${entry.title}`;
}

/** A template (with its entry) or a group of them. */
type Option = NonNullable<SelectProps['options']>[number] & { entry?: LibraryEntry };

function toOption(entry: LibraryEntry): Option & { entry: LibraryEntry } {
  const industry = entryIndustry(entry);
  return {
    value: entry.shortId,
    title: entryName(entry),
    entry,
    label: (
      <Flex vertical>
        <span>{entryName(entry)}</span>
        {industry && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {industry}
          </Typography.Text>
        )}
      </Flex>
    ),
  };
}

/** Search matches the short id or the title, ignoring case. */
function matches(input: string, option: Option | undefined): boolean {
  if (!option?.entry) return false;
  const needle = input.trim().toLowerCase();
  return option.entry.shortId.toLowerCase().includes(needle) || option.entry.title.toLowerCase().includes(needle);
}

/**
 * A searchable pick from WeChat's library (sandbox accounts): the templates the account's setup
 * allows first, then the others WeChat would refuse; below it, the picked template's fields.
 */
export function LibraryPicker({
  entries,
  picked,
  onPick,
}: {
  entries: readonly LibraryEntry[];
  /** The entry whose short id the form holds, if any. */
  picked: LibraryEntry | undefined;
  onPick: (entry: LibraryEntry) => void;
}) {
  const { t } = useTranslation();
  const allowed = entries.filter((e) => e.inSetup).map(toOption);
  const outside = entries.filter((e) => !e.inSetup).map(toOption);
  const options = [
    ...(allowed.length > 0 ? [{ label: t('templates.add.libraryAllowed'), options: allowed }] : []),
    ...(outside.length > 0 ? [{ label: t('templates.add.libraryOutside'), options: outside }] : []),
  ];

  return (
    <Form.Item label={t('templates.add.library')} extra={t('templates.add.libraryHint')}>
      <Select<string, Option>
        data-testid="template-library-select"
        aria-label={t('templates.add.library')}
        placeholder={t('templates.add.libraryPlaceholder')}
        showSearch
        allowClear={false}
        filterOption={matches}
        value={picked?.shortId}
        labelRender={({ value }) => {
          const entry = entries.find((e) => e.shortId === value);
          return entry ? entryName(entry) : value;
        }}
        options={options}
        onChange={(_, option) => {
          const entry = Array.isArray(option) ? undefined : option?.entry;
          if (entry) onPick(entry);
        }}
        virtual={false}
      />
      {picked && picked.fields.length > 0 && (
        <Flex wrap align="center" gap={4} style={{ marginTop: 8 }} data-testid="template-library-fields">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('templates.add.libraryFields')}
          </Typography.Text>
          {picked.fields.map((field) => (
            <Tag key={field.key} color={field.legacy ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {field.label ? `${field.key} · ${field.label}` : field.key}
            </Tag>
          ))}
        </Flex>
      )}
    </Form.Item>
  );
}
