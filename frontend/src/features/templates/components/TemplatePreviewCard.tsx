import { Alert, Card, Flex, Form, Input, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import type { TemplateFieldsFragment, TemplatePreviewQuery as PreviewData } from '../../../gql/graphql';
import { TemplatePreviewQuery } from '../api/operations';
import { charLength } from '../industry';
import './templates.css';

/** How long typing must pause before the server is asked for a new preview. */
export const PREVIEW_DEBOUNCE_MS = 300;

type Warning = PreviewData['templatePreview']['warnings'][number];
type Line = PreviewData['templatePreview']['lines'][number];
type Refusal = PreviewData['templatePreview']['refusals'][number];

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export interface TemplatePreviewCardProps {
  template: Pick<TemplateFieldsFragment, 'id' | 'title' | 'fields'>;
  /**
   * The values the inputs start with, by field key (e.g. a preset's fixed texts). Read once:
   * give the card a new `key` to start over with other values.
   */
  initialValues?: Readonly<Record<string, string>>;
}

/**
 * A value per field and what a fan's phone shows for them. The server computes the
 * display (cutting, emoji removal, hidden legacy fields) and which typed values WeChat
 * refuses (never cut: the message would not be sent); the client only renders it.
 */
export function TemplatePreviewCard({ template, initialValues }: TemplatePreviewCardProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initialValues }));
  const debounced = useDebounced(values, PREVIEW_DEBOUNCE_MS);
  const variables = useMemo(
    () => ({
      templateId: template.id,
      values: template.fields.map((field) => ({ key: field.key, value: debounced[field.key] ?? '' })),
    }),
    [template, debounced],
  );
  const [{ data, fetching, error }] = useQuery({ query: TemplatePreviewQuery, variables });
  const preview = data?.templatePreview;
  const lineByKey = new Map<string, Line>(preview?.lines.map((line) => [line.key, line]) ?? []);
  const labelOf = (key: string | null | undefined) => template.fields.find((f) => f.key === key)?.label ?? key;

  const refusalByKey = new Map<string, Refusal>(preview?.refusals.map((refusal) => [refusal.field, refusal]) ?? []);
  const explain = (refusal: Refusal) =>
    t(`templates.preview.refusals.${refusal.reason}`, {
      defaultValue: refusal.message,
      field: labelOf(refusal.field) ?? refusal.field,
      type: t(`templates.preview.types.${refusal.type}`, { defaultValue: refusal.type }),
      limit: refusal.limit ?? '',
    });

  const describe = (warning: Warning) => {
    const key = warning.field ?? '';
    const given = charLength(debounced[key] ?? '');
    const shown = charLength(lineByKey.get(key)?.value ?? '');
    return t(`templates.preview.warnings.${warning.code}`, {
      defaultValue: warning.message,
      field: labelOf(warning.field) ?? '',
      original: given,
      shown,
    });
  };

  return (
    <Card title={t('templates.preview.title')}>
      <Form layout="vertical" size="small" name="preview">
        {template.fields.map((field) => (
          <Form.Item
            key={field.key}
            label={`${field.label ?? field.key} (${field.key})`}
            style={{ marginBottom: 8 }}
            validateStatus={refusalByKey.has(field.key) ? 'error' : undefined}
            help={refusalByKey.has(field.key) ? explain(refusalByKey.get(field.key)!) : undefined}
          >
            <Input
              data-testid={`preview-input-${field.key}`}
              value={values[field.key] ?? ''}
              onChange={(event) => setValues((current) => ({ ...current, [field.key]: event.target.value }))}
              suffix={<Typography.Text type="secondary">{charLength(values[field.key] ?? '')}</Typography.Text>}
            />
          </Form.Item>
        ))}
      </Form>
      <div className="template-phone" data-testid="template-preview" aria-label={t('templates.preview.phone')}>
        <Spin spinning={fetching && !preview} size="small">
          <div className="template-phone-message">
            <Typography.Text strong>{preview?.title ?? template.title}</Typography.Text>
            {preview?.lines.map((line) => (
              <Flex key={line.key} gap={8} className="template-phone-line" data-testid={`preview-line-${line.key}`}>
                {line.label && <span className="template-phone-label">{line.label}</span>}
                <span className="template-phone-value">
                  {line.value}
                  {line.truncated && <span aria-hidden>…</span>}
                </span>
                {line.refused && (
                  <Tag color="error" data-testid={`preview-refused-${line.key}`}>
                    {t('templates.preview.refused')}
                  </Tag>
                )}
              </Flex>
            ))}
          </div>
        </Spin>
      </div>
      {error && !preview && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('common.errors.loadFailed')} />}
      {preview && preview.refusals.length > 0 && (
        <Alert
          data-testid="preview-refusals"
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={t('templates.preview.refusalsTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {preview.refusals.map((refusal) => (
                <li key={refusal.field} data-testid={`preview-refusal-${refusal.field}`}>
                  {explain(refusal)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {preview && preview.warnings.length > 0 && (
        <List
          data-testid="preview-warnings"
          size="small"
          style={{ marginTop: 12 }}
          header={<Typography.Text strong>{t('templates.preview.warningsTitle')}</Typography.Text>}
          dataSource={preview.warnings}
          renderItem={(warning) => (
            <List.Item data-testid={`preview-warning-${warning.field ?? 'message'}`}>
              <span>
                {warning.field && <Tag>{warning.field}</Tag>}
                {describe(warning)}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
