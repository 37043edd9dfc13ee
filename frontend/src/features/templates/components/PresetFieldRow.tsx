import { Col, Flex, Form, Input, Row, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateFieldsFragment } from '../../../gql/graphql';
import { AT_SEND, FIELD_SOURCES, csvColumnName, fixedValueName, sourceName } from '../preset';
import type { SourceChoice } from '../preset';
import './templates.css';

type Field = TemplateFieldsFragment['fields'][number];

const CHOICES: readonly SourceChoice[] = [AT_SEND, ...FIELD_SOURCES];

/** One template field of the preset form: where its value comes from, and the input that source needs. */
export function PresetFieldRow({ field, source }: { field: Field; source: SourceChoice | undefined }) {
  const { t } = useTranslation();
  const name = field.label ?? field.key;
  const valueLabel = t('templates.preset.valueFor', { key: field.key });
  const options = CHOICES.map((value) => ({
    value,
    label: t(`templates.preset.sources.${value}.name`),
    help: t(`templates.preset.sources.${value}.help`),
  }));

  return (
    <div data-testid={`preset-row-${field.key}`} className="template-preset-row">
      <Flex gap={8} align="baseline" wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text code>{field.key}</Typography.Text>
        {field.legacy && <Tag>{t('templates.detail.legacy')}</Tag>}
      </Flex>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item
            name={sourceName(field.key)}
            extra={source ? t(`templates.preset.sources.${source}.help`) : undefined}
            style={{ marginBottom: 12 }}
          >
            <Select
              aria-label={t('templates.preset.sourceFor', { key: field.key })}
              data-testid={`preset-source-${field.key}`}
              virtual={false}
              options={options}
              optionRender={(option) => (
                <Flex vertical>
                  <span>{option.data.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
                    {option.data.help}
                  </Typography.Text>
                </Flex>
              )}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          {source === 'FIXED' && (
            <Form.Item
              name={fixedValueName(field.key)}
              rules={[{ required: true, whitespace: true, message: t('templates.errors.PRESET_FIXED_VALUE_REQUIRED') }]}
              style={{ marginBottom: 12 }}
            >
              <Input aria-label={valueLabel} placeholder={t('templates.preset.fixedPlaceholder')} />
            </Form.Item>
          )}
          {source === 'CSV_COLUMN' && (
            <Form.Item
              name={csvColumnName(field.key)}
              rules={[{ required: true, whitespace: true, message: t('templates.errors.PRESET_CSV_COLUMN_REQUIRED') }]}
              style={{ marginBottom: 12 }}
            >
              <Input aria-label={valueLabel} placeholder={t('templates.preset.csvPlaceholder')} spellCheck={false} />
            </Form.Item>
          )}
        </Col>
      </Row>
    </div>
  );
}
