import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import type { TemplateFieldsFragment, TemplatePresetFieldsFragment } from '../../../gql/graphql';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { TemplateQuery } from '../api/operations';
import { templateIndustryName } from '../industry';
import { fixedValues } from '../preset';
import { BlockedMessagesCard } from './BlockedMessagesCard';
import { PresetEditorCard } from './PresetEditorCard';
import { TemplatePreviewCard } from './TemplatePreviewCard';

type FieldInfo = TemplateFieldsFragment['fields'][number];
type Preset = TemplatePresetFieldsFragment | null | undefined;

/** The newer of two versions of a preset (a save's answer may be newer than the cached query). */
function newer(a: Preset, b: Preset): Preset {
  if (!a) return b;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

/** `/accounts/:id/templates/:templateId`: one template's content, fields and a phone preview; the account comes from the layout route. */
export function TemplateDetailPage() {
  const { id } = useCurrentAccount().account;
  const { templateId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({ query: TemplateQuery, variables: { id: templateId } });
  // the preset a save answered with, until the query has it too
  const [saved, setSaved] = useState<{ templateId: string; preset: TemplatePresetFieldsFragment } | null>(null);
  const listPath = `/accounts/${id}/templates`;

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const template = data.template;
  const preset = newer(template?.preset, saved && saved.templateId === template?.id ? saved.preset : null);
  if (!template || template.accountId !== id) {
    return (
      <Result
        status="404"
        title={t('templates.errors.NOT_FOUND')}
        extra={
          <Link to={listPath}>
            <Button type="primary">{t('templates.actions.backToList')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <>
      <PageHeader
        title={template.title}
        subtitle={template.templateId}
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(listPath)}>
            {t('templates.actions.backToList')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('templates.detail.title')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('templates.fields.industry')}>
                {templateIndustryName(template, 'INDUSTRY', i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('templates.fields.syncedAt')}>
                {formatDateTime(template.syncedAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('templates.fields.content')}>
                <Typography.Paragraph data-testid="template-content" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {template.content}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('templates.fields.example')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{template.example || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('templates.detail.fields')}>
            <Table<FieldInfo>
              data-testid="template-fields"
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={template.fields}
              columns={[
                { key: 'key', title: t('templates.fields.key'), render: (_, f) => <Typography.Text code>{f.key}</Typography.Text> },
                { key: 'label', title: t('templates.fields.label'), render: (_, f) => f.label ?? '—' },
                { key: 'type', title: t('templates.fields.type'), render: (_, f) => t(`templates.fieldTypes.${f.type}`) },
                {
                  key: 'legacy',
                  title: '',
                  render: (_, f) => (f.legacy ? <Tag>{t('templates.detail.legacy')}</Tag> : null),
                },
              ]}
            />
          </Card>
          <PresetEditorCard
            key={template.id}
            template={template}
            preset={preset}
            onSaved={(next) => setSaved({ templateId: template.id, preset: next })}
          />
          <BlockedMessagesCard key={`blocked-${template.id}`} templateId={template.id} />
        </Col>
        <Col xs={24} xl={10}>
          {/* starts over with the preset's fixed texts when a new version is saved */}
          <TemplatePreviewCard
            key={`preview-${template.id}-${preset?.version ?? 0}`}
            template={template}
            initialValues={fixedValues(preset)}
          />
        </Col>
      </Row>
    </>
  );
}
