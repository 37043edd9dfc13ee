import { Alert, Flex, List, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { DispatchPreviewQuery } from '../api/operations';
import type { SendTemplate } from '../content';
import { sampleValues } from '../content';
import './dispatch.css';

/** What one sample fan's phone shows: the plan's values for that fan through the templates module's display rules. */
export function PhonePreview({ template, values, testId }: { template: SendTemplate; values: readonly { key: string; value: string }[]; testId?: string }) {
  const { t } = useTranslation();
  const variables = useMemo(() => ({ templateId: template.id, values: sampleValues(template.fields, values) }), [template, values]);
  const [{ data, fetching, error }] = useQuery({ query: DispatchPreviewQuery, variables });
  const preview = data?.templatePreview;
  return (
    <div data-testid={testId}>
      <div className="dispatch-phone" aria-label={t('dispatch.preview.phone')}>
        <Spin spinning={fetching && !preview} size="small">
          <div className="dispatch-phone-message">
            <Typography.Text strong className="dispatch-break">
              {preview?.title ?? template.title}
            </Typography.Text>
            {preview?.lines.map((line) => (
              <Flex key={line.key} gap={8} data-testid={`${testId}-line-${line.key}`}>
                {line.label && <span className="dispatch-phone-label">{line.label}</span>}
                <span className="dispatch-phone-value">
                  {line.value}
                  {line.truncated && <span aria-hidden>…</span>}
                </span>
                {line.refused && <Tag color="error">{t('dispatch.preview.refused')}</Tag>}
              </Flex>
            ))}
          </div>
        </Spin>
      </div>
      {error && !preview && <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('common.errors.loadFailed')} />}
      {preview && preview.warnings.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={preview.warnings}
          renderItem={(w) => (
            <List.Item>
              <span className="dispatch-break">
                {w.field && <Tag>{w.field}</Tag>}
                {t(`dispatch.preview.warnings.${w.code}`, { defaultValue: w.message })}
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
