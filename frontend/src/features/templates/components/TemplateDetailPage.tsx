import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import type { TemplateFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { TemplateQuery } from '../api/operations';
import { TemplatePreviewCard } from './TemplatePreviewCard';

type FieldInfo = TemplateFieldsFragment['fields'][number];

/** `/accounts/:id/templates/:templateId`: one template's content, fields and a phone preview. */
export function TemplateDetailPage() {
  const { id = '', templateId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({ query: TemplateQuery, variables: { id: templateId } });
  const listPath = `/accounts/${id}/templates`;

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const template = data.template;
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
                {[template.primaryIndustry, template.deputyIndustry].filter(Boolean).join(' / ') || '—'}
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
        </Col>
        <Col xs={24} xl={10}>
          <TemplatePreviewCard template={template} />
        </Col>
      </Row>
    </>
  );
}
