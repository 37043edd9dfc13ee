import { Flex, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AudienceKind, DispatchAudienceOptionsQuery } from '../../../gql/graphql';
import type { AudienceValue } from '../content';

const KINDS: readonly AudienceKind[] = ['ALL', 'TAGS', 'UPLOAD', 'SEGMENT'];

/** Who receives the message: every fan, fans with tags, an uploaded list or a saved segment. */
export function AudiencePicker({
  value,
  onChange,
  options,
}: {
  value: AudienceValue;
  onChange(next: AudienceValue): void;
  options: DispatchAudienceOptionsQuery | undefined;
}) {
  const { t } = useTranslation();
  const uploads = (options?.uploads.edges.map((e) => e.node) ?? []).filter((u) => u.status === 'READY');
  return (
    <Flex vertical gap={16}>
      <Radio.Group
        data-testid="send-audience-kind"
        optionType="button"
        value={value.kind}
        onChange={(e) => onChange({ ...value, kind: e.target.value as AudienceKind })}
        options={KINDS.map((kind) => ({ value: kind, label: t(`dispatch.audience.kinds.${kind}`) }))}
      />
      {value.kind === 'ALL' && <Typography.Text type="secondary">{t('dispatch.audience.allHint')}</Typography.Text>}
      {value.kind === 'TAGS' && (
        <Flex vertical gap={8}>
          <Select
            mode="multiple"
            data-testid="send-audience-tags"
            aria-label={t('dispatch.audience.tags')}
            placeholder={t('dispatch.audience.tags')}
            value={value.tagIds}
            onChange={(tagIds: number[]) => onChange({ ...value, tagIds })}
            optionFilterProp="label"
            virtual={false}
            options={(options?.tags ?? []).map((tag) => ({
              value: Number(tag.id),
              label: tag.name,
              title: tag.name,
            }))}
            optionRender={(option) => {
              const tag = options?.tags.find((x) => Number(x.id) === option.value);
              return (
                <Flex justify="space-between" gap={8}>
                  <Typography.Text ellipsis>{option.label}</Typography.Text>
                  <Typography.Text type="secondary">{tag?.fanCount ?? ''}</Typography.Text>
                </Flex>
              );
            }}
            style={{ maxWidth: 560 }}
          />
          <Radio.Group
            data-testid="send-audience-tag-match"
            value={value.tagMatch}
            onChange={(e) => onChange({ ...value, tagMatch: e.target.value })}
            options={[
              { value: 'ANY', label: t('dispatch.audience.tagMatch.ANY') },
              { value: 'ALL', label: t('dispatch.audience.tagMatch.ALL') },
            ]}
          />
        </Flex>
      )}
      {value.kind === 'UPLOAD' && (
        <Select
          data-testid="send-audience-upload"
          aria-label={t('dispatch.audience.upload')}
          placeholder={t('dispatch.audience.upload')}
          value={value.uploadId ?? undefined}
          onChange={(uploadId: string) => onChange({ ...value, uploadId })}
          showSearch
          optionFilterProp="label"
          virtual={false}
          options={uploads.map((u) => ({ value: u.id, label: `${u.name} (${u.valid})`, title: u.name }))}
          style={{ maxWidth: 560 }}
        />
      )}
      {value.kind === 'SEGMENT' && (
        <Select
          data-testid="send-audience-segment"
          aria-label={t('dispatch.audience.segment')}
          placeholder={t('dispatch.audience.segment')}
          value={value.segmentId ?? undefined}
          onChange={(segmentId: string) => onChange({ ...value, segmentId })}
          showSearch
          optionFilterProp="label"
          virtual={false}
          options={(options?.segments ?? []).map((s) => ({ value: s.id, label: s.name, title: s.name }))}
          style={{ maxWidth: 560 }}
        />
      )}
    </Flex>
  );
}
