import { ArrowLeftOutlined, ArrowRightOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Col, Empty, Flex, Form, Input, Radio, Row, Select, Skeleton, Steps, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import type { DispatchFieldSource, DispatchPlanFieldsFragment, DispatchTemplateInput } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { translateUserError } from '../../../lib/userErrors';
import { DispatchAudienceOptionsQuery, DispatchCreateMutation, DispatchPlanMutation, DispatchStartMutation, DispatchTemplatesQuery } from '../api/operations';
import {
  DISPATCH_SOURCES,
  INITIAL_AUDIENCE,
  LINK_MODES,
  audienceProblems,
  contentProblems,
  initialFieldValues,
  initialLink,
  toContentInput,
  toSelectorInput,
} from '../content';
import type { AudienceValue, FieldValues, LinkMode, LinkValue, Problem, SendTemplate } from '../content';
import { AudiencePicker } from './AudiencePicker';
import { PhonePreview } from './PhonePreview';
import { PlanSummary } from './PlanSummary';
import { TestSendButton } from './TestSendPanel';
import './dispatch.css';

const EMPTY_LINK: LinkValue = initialLink(null);

/**
 * `/accounts/:id/dispatch/new`: a template message to an audience in three steps: the template and how
 * each field is filled (the preset's way by default), who receives it, then the pre-flight plan with a
 * preview for sample fans. Nothing is sent before "Confirm and send".
 */
export function TemplateSendPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canSend = useCan('manageAccounts');
  const [step, setStep] = useState(0);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [values, setValues] = useState<FieldValues>({});
  const [link, setLink] = useState<LinkValue>(EMPTY_LINK);
  const [audience, setAudience] = useState<AudienceValue>(INITIAL_AUDIENCE);
  const [plan, setPlan] = useState<DispatchPlanFieldsFragment | null>(null);
  const [planning, setPlanning] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [, create] = useMutation(DispatchCreateMutation);
  const [, start] = useMutation(DispatchStartMutation);
  const [, planSend] = useMutation(DispatchPlanMutation);

  const [{ data, error }, reexecute] = useQuery({ query: DispatchTemplatesQuery, variables: { accountId } });
  const [{ data: options }] = useQuery({ query: DispatchAudienceOptionsQuery, variables: { accountId } });
  const templates = useMemo(() => data?.templates.edges.map((e) => e.node) ?? [], [data]);
  const template = templates.find((x) => x.id === templateId) ?? null;
  const fields = template?.fields ?? [];
  const upload = audience.kind === 'UPLOAD' ? options?.uploads.edges.find((e) => e.node.id === audience.uploadId)?.node : undefined;
  const allColumns = useMemo(
    () => [...new Set(options?.uploads.edges.flatMap((e) => e.node.columns) ?? [])].sort(),
    [options],
  );

  const contentIssues = contentProblems(templateId, fields, values, link);
  const audienceIssues = audienceProblems(audience, fields, values, upload ? upload.columns : null);

  const chooseTemplate = (id: string) => {
    const next = templates.find((x) => x.id === id);
    setTemplateId(id);
    setValues(initialFieldValues(next?.fields ?? [], next?.preset));
    setLink(initialLink(next?.preset));
    setPlan(null);
  };

  const testContent = () => (template ? toContentInput(template.id, fields, values, link) : null);

  const input = (): DispatchTemplateInput | null =>
    template ? { audience: toSelectorInput(accountId, audience), content: toContentInput(template.id, fields, values, link) } : null;

  const review = async () => {
    const request = input();
    if (!request) return;
    setStep(2);
    setPlan(null);
    setErrors([]);
    setPlanning(true);
    const result = await planSend({ input: request });
    setPlanning(false);
    const payload = result.data?.dispatchPlan;
    if (!payload || result.error) setErrors([t('common.errors.loadFailed')]);
    else if (payload.userErrors.length > 0) setErrors(payload.userErrors.map((e) => translateUserError(t, e, 'dispatch')));
    else setPlan(payload.plan ?? null);
  };

  const send = async () => {
    const request = input();
    if (!request) return;
    setSending(true);
    setErrors([]);
    try {
      const created = await create({ input: request });
      const payload = created.data?.dispatchCreate;
      if (created.error || !payload) return setErrors([t('common.errors.saveFailed')]);
      if (payload.userErrors.length > 0) return setErrors(payload.userErrors.map((e) => translateUserError(t, e, 'dispatch')));
      const jobId = payload.job!.id;
      const started = await start({ input: { jobId } });
      const startErrors = started.data?.dispatchStart.userErrors ?? [];
      if (startErrors.length > 0) {
        // the job exists (PLANNED): its page offers to start it again
        setErrors(startErrors.map((e) => translateUserError(t, e, 'dispatch')));
      }
      navigate(`/accounts/${accountId}/dispatch/jobs/${jobId}`);
    } finally {
      setSending(false);
    }
  };

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <>
      <PageHeader title={t('dispatch.send.title')} subtitle={account.name} />
      <Steps
        current={step}
        style={{ marginBottom: 24 }}
        items={[{ title: t('dispatch.send.steps.content') }, { title: t('dispatch.send.steps.audience') }, { title: t('dispatch.send.steps.review') }]}
      />
      {step === 0 && (
        <Card data-testid="send-step-content">
          {templates.length === 0 ? (
            <Empty description={t('dispatch.send.noTemplates')} />
          ) : (
            <Form layout="vertical" name="send-content">
              <Form.Item label={t('dispatch.send.template')} required>
                <Select
                  data-testid="send-template-select"
                  aria-label={t('dispatch.send.template')}
                  placeholder={t('dispatch.send.templatePlaceholder')}
                  value={templateId ?? undefined}
                  onChange={chooseTemplate}
                  showSearch
                  optionFilterProp="label"
                  virtual={false}
                  options={templates.map((x) => ({ value: x.id, label: x.title, title: `${x.title} (${x.templateId})` }))}
                  style={{ maxWidth: 560 }}
                />
              </Form.Item>
              {template && (
                <>
                  <Typography.Title level={5}>{t('dispatch.send.fields')}</Typography.Title>
                  <Typography.Paragraph type="secondary">{template.preset ? t('dispatch.send.fromPreset') : t('dispatch.send.noPreset')}</Typography.Paragraph>
                  {fields.map((field) => (
                    <FieldRow
                      key={field.key}
                      field={field}
                      value={values[field.key]}
                      columns={upload ? upload.columns : allColumns}
                      problem={contentIssues.find((p) => 'field' in p && p.field === field.key)}
                      onChange={(next) => setValues((current) => ({ ...current, [field.key]: next }))}
                    />
                  ))}
                  <LinkEditor value={link} onChange={setLink} />
                </>
              )}
            </Form>
          )}
          <ProblemList problems={contentIssues.filter((p) => !('field' in p) && p.code !== 'TEMPLATE_REQUIRED')} />
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            {canSend && template && <TestSendButton accountId={accountId} content={testContent} disabled={contentIssues.length > 0} />}
            <Button type="primary" data-testid="send-next-audience" disabled={contentIssues.length > 0} onClick={() => setStep(1)} icon={<ArrowRightOutlined aria-hidden />} iconPosition="end">
              {t('dispatch.send.next')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 1 && (
        <Card data-testid="send-step-audience">
          <AudiencePicker value={audience} onChange={(next) => { setAudience(next); setPlan(null); }} options={options} />
          <ProblemList problems={audienceIssues} />
          <Flex justify="space-between" style={{ marginTop: 16 }}>
            <Button onClick={() => setStep(0)} icon={<ArrowLeftOutlined aria-hidden />}>
              {t('dispatch.send.back')}
            </Button>
            <Button type="primary" data-testid="send-review" disabled={audienceIssues.length > 0} onClick={() => void review()} icon={<ArrowRightOutlined aria-hidden />} iconPosition="end">
              {t('dispatch.send.review')}
            </Button>
          </Flex>
        </Card>
      )}
      {step === 2 && template && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card title={t('dispatch.plan.title')} data-testid="send-step-review">
              {planning && <Skeleton active paragraph={{ rows: 6 }} />}
              {plan && <PlanSummary plan={plan} />}
              {errors.length > 0 && <Alert type="error" showIcon role="alert" data-testid="send-errors" style={{ marginTop: 16 }} message={errors.join(' ')} />}
              <Flex justify="space-between" style={{ marginTop: 16 }}>
                <Button onClick={() => setStep(1)} icon={<ArrowLeftOutlined aria-hidden />}>
                  {t('dispatch.send.back')}
                </Button>
                <Flex gap={8}>
                  {canSend && <TestSendButton accountId={accountId} content={testContent} />}
                  <Button
                    type="primary"
                    data-testid="send-confirm"
                    icon={<SendOutlined aria-hidden />}
                    loading={sending}
                    disabled={!canSend || !plan || plan.reachable === 0}
                    onClick={() => void send()}
                  >
                    {t('dispatch.send.confirm', { count: plan?.reachable ?? 0 })}
                  </Button>
                </Flex>
              </Flex>
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <Card title={t('dispatch.preview.title')} data-testid="send-preview">
              {plan && plan.sample.length > 0 ? (
                <Tabs
                  items={plan.sample.map((sample, index) => ({
                    key: sample.openid,
                    label: (
                      <Typography.Text ellipsis style={{ maxWidth: 120 }} title={sample.openid}>
                        {sample.remark || t('dispatch.preview.fan', { n: index + 1 })}
                      </Typography.Text>
                    ),
                    children: (
                      <>
                        <Typography.Paragraph type="secondary" className="dispatch-break" style={{ fontSize: 12 }}>
                          {sample.openid}
                        </Typography.Paragraph>
                        <PhonePreview template={template} values={sample.values} testId={`send-preview-${index}`} />
                      </>
                    ),
                  }))}
                />
              ) : (
                !planning && <Empty description={t('dispatch.preview.noSample')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

function ProblemList({ problems }: { problems: Problem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 16 }}
      data-testid="send-problems"
      message={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {problems.map((p, i) => (
            <li key={i}>{t(`dispatch.problems.${p.code}`, { field: 'field' in p ? p.field : '', column: 'column' in p ? p.column : '' })}</li>
          ))}
        </ul>
      }
    />
  );
}

type Field = SendTemplate['fields'][number];

/** One template field: where its value comes from and, for a fixed text or a CSV column, which. */
function FieldRow({
  field,
  value,
  columns,
  problem,
  onChange,
}: {
  field: Field;
  value: FieldValues[string] | undefined;
  columns: readonly string[];
  problem: Problem | undefined;
  onChange(next: FieldValues[string]): void;
}) {
  const { t } = useTranslation();
  const current = value ?? { source: 'FIXED' as DispatchFieldSource, text: '', column: '' };
  return (
    <Row gutter={12} className="dispatch-field-row" data-testid={`send-field-${field.key}`} style={{ marginBottom: 8 }}>
      <Col xs={24} md={6}>
        <Typography.Text strong className="dispatch-break">
          {field.label ?? field.key}
        </Typography.Text>{' '}
        <Typography.Text type="secondary" code>
          {field.key}
        </Typography.Text>
      </Col>
      <Col xs={24} md={7}>
        <Select
          data-testid={`send-source-${field.key}`}
          aria-label={t('dispatch.send.sourceOf', { field: field.key })}
          value={current.source}
          onChange={(source: DispatchFieldSource) => onChange({ ...current, source })}
          options={DISPATCH_SOURCES.map((source) => ({ value: source, label: t(`dispatch.sources.${source}`) }))}
          style={{ width: '100%' }}
          virtual={false}
        />
      </Col>
      <Col xs={24} md={11}>
        {current.source === 'FIXED' && (
          <Input
            data-testid={`send-text-${field.key}`}
            aria-label={t('dispatch.send.textOf', { field: field.key })}
            value={current.text}
            onChange={(e) => onChange({ ...current, text: e.target.value })}
          />
        )}
        {current.source === 'CSV_COLUMN' && (
          <Form.Item validateStatus={problem ? 'error' : undefined} help={problem ? t(`dispatch.problems.${problem.code}`, { field: field.key }) : undefined} style={{ marginBottom: 0 }}>
            <AutoComplete
              data-testid={`send-column-${field.key}`}
              aria-label={t('dispatch.send.columnOf', { field: field.key })}
              value={current.column}
              onChange={(column: string) => onChange({ ...current, column })}
              options={columns.map((c) => ({ value: c }))}
              filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            />
          </Form.Item>
        )}
        {current.source !== 'FIXED' && current.source !== 'CSV_COLUMN' && (
          <Typography.Text type="secondary">{t(`dispatch.sourceHints.${current.source}`)}</Typography.Text>
        )}
      </Col>
    </Row>
  );
}

/** Where a tap on the message leads: nowhere, a URL, or a mini program page (with the URL as old clients' fallback). */
function LinkEditor({ value, onChange }: { value: LinkValue; onChange(next: LinkValue): void }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('dispatch.link.title')}
      </Typography.Title>
      <Radio.Group
        data-testid="send-link-mode"
        value={value.mode}
        onChange={(e) => onChange({ ...value, mode: e.target.value as LinkMode })}
        options={LINK_MODES.map((mode) => ({ value: mode, label: t(`dispatch.link.modes.${mode}`) }))}
        style={{ marginBottom: 12 }}
      />
      {value.mode !== 'NONE' && (
        <Form.Item label={value.mode === 'URL' ? t('dispatch.link.url') : t('dispatch.link.fallbackUrl')}>
          <Input data-testid="send-link-url" value={value.url} onChange={(e) => onChange({ ...value, url: e.target.value })} />
        </Form.Item>
      )}
      {value.mode === 'MINI_PROGRAM' && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('dispatch.link.appId')}>
              <Input data-testid="send-link-appid" value={value.miniProgramAppId} onChange={(e) => onChange({ ...value, miniProgramAppId: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('dispatch.link.pagePath')}>
              <Input data-testid="send-link-path" value={value.miniProgramPagePath} onChange={(e) => onChange({ ...value, miniProgramPagePath: e.target.value })} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
