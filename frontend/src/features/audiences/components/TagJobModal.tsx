import { Alert, App, Form, Modal, Radio, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { FanFilterInput, TagAction, TagFieldsFragment, TagJobFieldsFragment } from '../../../gql/graphql';
import { applyUserErrors } from '../../../lib/userErrors';
import { TagJobStartMutation, UploadsQuery } from '../api/operations';
import { UploadFileButton } from './UploadFileButton';

/** Which fans a bulk tagging job takes: an uploaded CSV, the fans list's filter or its selected fans. */
export type TagJobSource =
  | { kind: 'upload' }
  | { kind: 'filter'; filter: FanFilterInput; count?: number | null }
  | { kind: 'openids'; openids: readonly string[] };

interface Values {
  tagId?: number;
  action: TagAction;
}

/**
 * Tags or untags fans in bulk: picks the tag and the action; for an upload, the file is streamed first
 * (with its own progress) and the job starts from the upload's id. The job's progress is shown by
 * `TagJobsCard` through `tagJobProgress`.
 */
export function TagJobModal({
  open,
  accountId,
  tags,
  source,
  initialTagId,
  initialAction = 'TAG',
  onClose,
  onStarted,
}: {
  open: boolean;
  accountId: string;
  tags: readonly TagFieldsFragment[];
  source: TagJobSource;
  initialTagId?: number;
  initialAction?: TagAction;
  onClose: () => void;
  onStarted?: (job: TagJobFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching }, startJob] = useMutation(TagJobStartMutation);
  // an earlier upload can be used again instead of a new file
  const [{ data: uploadsData }] = useQuery({
    query: UploadsQuery,
    variables: { accountId, first: 20, after: null },
    pause: source.kind !== 'upload',
  });
  const earlierUploads = uploadsData?.uploads.edges.map((edge) => edge.node).filter((upload) => upload.status === 'READY') ?? [];

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (source.kind === 'upload' && !uploadId) {
      setFormErrors([t('audiences.tagJob.uploadFirst')]);
      return;
    }
    setFormErrors([]);
    const result = await startJob({
      input: {
        accountId,
        tagId: values.tagId as number,
        action: values.action,
        uploadId: source.kind === 'upload' ? uploadId : null,
        filter: source.kind === 'filter' ? source.filter : null,
        openids: source.kind === 'openids' ? [...source.openids] : null,
      },
    });
    const payload = result.data?.tagJobStart;
    if (result.error || !payload) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'audiences' }));
      return;
    }
    message.success(t('audiences.tagJob.started'));
    if (payload.job) onStarted?.(payload.job);
    setUploadId(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('audiences.tagJob.title')}
      okText={t('audiences.tagJob.start')}
      okButtonProps={{ loading: fetching, 'data-testid': 'tag-job-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ tagId: initialTagId, action: initialAction }} preserve={false}>
        <Form.Item name="action" label={t('audiences.tagJob.action')}>
          <Radio.Group
            optionType="button"
            options={(['TAG', 'UNTAG'] as const).map((action) => ({ value: action, label: t(`audiences.tagJob.actions.${action}`) }))}
          />
        </Form.Item>
        <Form.Item name="tagId" label={t('audiences.tagJob.tag')} rules={[{ required: true, message: t('audiences.tagJob.tagRequired') }]}>
          <Select
            data-testid="tag-job-tag"
            options={tags.filter((tag) => !tag.reserved).map((tag) => ({ value: tag.id, label: tag.name, title: tag.name }))}
            showSearch
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label={t('audiences.tagJob.source')}>
          {source.kind === 'upload' && (
            <>
              <UploadFileButton accountId={accountId} onUploaded={(id) => setUploadId(id)} />
              {earlierUploads.length > 0 && (
                <Select
                  allowClear
                  style={{ width: '100%', marginTop: 8 }}
                  data-testid="tag-job-earlier-upload"
                  placeholder={t('audiences.tagJob.earlierUpload')}
                  value={earlierUploads.some((upload) => upload.id === uploadId) ? uploadId : undefined}
                  onChange={(id: string | undefined) => setUploadId(id ?? null)}
                  options={earlierUploads.map((upload) => ({
                    value: upload.id,
                    label: t('audiences.tagJob.uploadOption', { name: upload.name, valid: upload.valid }),
                  }))}
                />
              )}
            </>
          )}
          {source.kind === 'filter' && (
            <Typography.Text data-testid="tag-job-source">
              {source.count === null || source.count === undefined
                ? t('audiences.tagJob.fromFilter')
                : t('audiences.tagJob.fromFilterCount', { count: source.count })}
            </Typography.Text>
          )}
          {source.kind === 'openids' && (
            <Typography.Text data-testid="tag-job-source">{t('audiences.tagJob.fromSelection', { count: source.openids.length })}</Typography.Text>
          )}
        </Form.Item>
      </Form>
      {formErrors.length > 0 && <Alert type="error" showIcon message={formErrors.join(' ')} data-testid="tag-job-errors" />}
    </Modal>
  );
}
