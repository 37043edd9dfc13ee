import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, List, Popconfirm, Radio, Row, Skeleton, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import type { AudiencePurpose, SegmentFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { applyUserErrors, translateUserError } from '../../../lib/userErrors';
import {
  AudienceCountQuery,
  FanCountQuery,
  SegmentCreateMutation,
  SegmentDeleteMutation,
  SegmentsQuery,
  SegmentUpdateMutation,
  TagsQuery,
} from '../api/operations';
import { EMPTY_FILTER, fromFanFilter, toFanFilterInput } from '../filter';
import type { FanFilterValues } from '../filter';
import { AudienceChart } from './AudienceChart';
import { FanFilterForm } from './FanFilterForm';

const PURPOSES: readonly AudiencePurpose[] = ['TEMPLATE', 'CUSTOMER_SERVICE', 'MASS'];

/**
 * `/accounts/:id/segments`: saved fan filters. The builder shows how many fans the filter matches as it
 * changes; a saved segment shows its audience split into reachable and excluded fans for a purpose.
 */
export function SegmentsPage() {
  const { account } = useCurrentAccount();
  const accountId = account.id;
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canChange = useCan('manageAccounts');
  const [{ data, error }, reexecute] = useQuery({ query: SegmentsQuery, variables: { accountId } });
  const [{ data: tagsData }] = useQuery({ query: TagsQuery, variables: { accountId } });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState<FanFilterValues>(EMPTY_FILTER);
  const [form] = Form.useForm<{ name: string }>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [purpose, setPurpose] = useState<AudiencePurpose>('TEMPLATE');
  const [{ fetching: creating }, create] = useMutation(SegmentCreateMutation);
  const [{ fetching: updating }, update] = useMutation(SegmentUpdateMutation);
  const [, remove] = useMutation(SegmentDeleteMutation);

  const filterInput = useMemo(() => toFanFilterInput(filter), [filter]);
  const [{ data: countData }] = useQuery({ query: FanCountQuery, variables: { accountId, filter: filterInput } });
  const [{ data: audienceData, fetching: counting }, recountAudience] = useQuery({
    query: AudienceCountQuery,
    variables: { input: { accountId, kind: 'SEGMENT', segmentId: selectedId }, purpose },
    pause: selectedId === null,
    requestPolicy: 'network-only',
  });

  const segments = data?.segments ?? [];
  const selected = segments.find((segment) => segment.id === selectedId) ?? null;

  const select = (segment: SegmentFieldsFragment | null) => {
    setSelectedId(segment?.id ?? null);
    setFilter(segment ? fromFanFilter(segment.filter) : EMPTY_FILTER);
    form.setFieldsValue({ name: segment?.name ?? '' });
    setFormErrors([]);
  };

  const save = async () => {
    let values: { name: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormErrors([]);
    const name = values.name.trim();
    const result = selectedId
      ? await update({ input: { id: selectedId, name, filter: filterInput } }).then((r) => ({ error: r.error, payload: r.data?.segmentUpdate }))
      : await create({ input: { accountId, name, filter: filterInput } }).then((r) => ({ error: r.error, payload: r.data?.segmentCreate }));
    if (result.error || !result.payload) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    if (result.payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, result.payload.userErrors, t, { resource: 'audiences' }));
      return;
    }
    message.success(t('audiences.segments.saved'));
    reexecute({ requestPolicy: 'network-only' });
    if (result.payload.segment) setSelectedId(result.payload.segment.id);
    if (selectedId) recountAudience({ requestPolicy: 'network-only' });
  };

  const deleteSegment = async (segment: SegmentFieldsFragment) => {
    const result = await remove({ input: { id: segment.id } });
    const payload = result.data?.segmentDelete;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateUserError(t, e, 'audiences')).join(' '));
    else {
      if (selectedId === segment.id) select(null);
      reexecute({ requestPolicy: 'network-only' });
    }
  };

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={t('audiences.segments.title')}
        extra={
          canChange && (
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => select(null)} data-testid="segment-new">
              {t('audiences.segments.new')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('audiences.segments.savedList')}>
            {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
            {!data ? (
              <Skeleton active />
            ) : (
              <List
                data-testid="segments-list"
                dataSource={segments}
                locale={{ emptyText: <Empty description={t('audiences.segments.empty')} /> }}
                renderItem={(segment) => (
                  <List.Item
                    style={{ background: segment.id === selectedId ? 'rgba(22,119,255,0.06)' : undefined, paddingInline: 8 }}
                    actions={
                      canChange
                        ? [
                            <Popconfirm
                              key="delete"
                              title={t('audiences.segments.deleteConfirm', { name: segment.name })}
                              okText={t('audiences.segments.delete')}
                              cancelText={t('common.actions.cancel')}
                              okButtonProps={{ danger: true }}
                              onConfirm={() => deleteSegment(segment)}
                            >
                              <Button size="small" type="link" danger>
                                {t('audiences.segments.delete')}
                              </Button>
                            </Popconfirm>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={
                        <Button type="link" style={{ padding: 0 }} onClick={() => select(segment)} data-testid={`segment-${segment.id}`}>
                          {segment.name}
                        </Button>
                      }
                      description={t('audiences.segments.updatedAt', { time: formatDateTime(segment.updatedAt, i18n.language) })}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card size="small" title={selected ? t('audiences.segments.editing', { name: selected.name }) : t('audiences.segments.building')}>
              <Form form={form} layout="inline" initialValues={{ name: '' }} disabled={!canChange} onFinish={() => void save()}>
                <Form.Item
                  name="name"
                  label={t('audiences.segments.name')}
                  rules={[{ required: true, whitespace: true, message: t('audiences.errors.NAME_REQUIRED') }]}
                  style={{ flex: 1 }}
                >
                  <Input data-testid="segment-name" maxLength={100} />
                </Form.Item>
                {canChange && (
                  <Button type="primary" htmlType="submit" loading={creating || updating} data-testid="segment-save">
                    {t('common.actions.save')}
                  </Button>
                )}
              </Form>
              {formErrors.length > 0 && <Alert type="error" showIcon message={formErrors.join(' ')} style={{ marginTop: 12 }} data-testid="segment-errors" />}
              <div style={{ marginTop: 16 }}>
                <FanFilterForm value={filter} onChange={setFilter} tags={tagsData?.tags ?? []} />
              </div>
              <Statistic
                style={{ marginTop: 16 }}
                title={t('audiences.segments.matching')}
                value={countData?.fanCount ?? '—'}
                valueRender={(node) => <span data-testid="segment-fan-count">{node}</span>}
              />
            </Card>
            <Card
              size="small"
              title={t('audiences.audience.title')}
              data-testid="segment-audience"
              extra={
                <Radio.Group
                  size="small"
                  optionType="button"
                  aria-label={t('audiences.audience.purpose')}
                  value={purpose}
                  onChange={(event) => setPurpose(event.target.value as AudiencePurpose)}
                  options={PURPOSES.map((value) => ({ value, label: t(`audiences.audience.purposes.${value}`) }))}
                />
              }
            >
              {!selectedId ? (
                <Typography.Text type="secondary">{t('audiences.audience.saveFirst')}</Typography.Text>
              ) : audienceData?.audienceCount ? (
                <AudienceChart count={audienceData.audienceCount} />
              ) : counting ? (
                <Skeleton active paragraph={{ rows: 3 }} />
              ) : (
                <Alert type="error" showIcon message={t('common.errors.loadFailed')} />
              )}
              {selectedId && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
                  {t(`audiences.audience.purposeHints.${purpose}`)}
                </Typography.Paragraph>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
