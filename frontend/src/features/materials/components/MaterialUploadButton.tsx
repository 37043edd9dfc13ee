import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaterialKind } from '../../../gql/graphql';
import type { KindRule } from '../rules';
import { acceptOf, checkFile, formatBytes, libraryName, translateUploadError } from '../rules';
import { MaterialUploadError, uploadMaterial } from '../upload';
import type { UploadedMaterial } from '../upload';

/** WeChat's limits on a video's title and description. */
const VIDEO_TITLE_MAX = 30;
const VIDEO_DESCRIPTION_MAX = 120;

/**
 * Picks a file of the kind and sends it to the library with a progress bar; a video asks for its title and
 * description first. Size and format are checked before sending (the server checks again, from the bytes).
 */
export function MaterialUploadButton({
  accountId,
  kind,
  rule,
  onUploaded,
}: {
  accountId: string;
  kind: MaterialKind;
  rule: KindRule | undefined;
  onUploaded: (material: UploadedMaterial) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [videoFile, setVideoFile] = useState<File | null>(null);
  const [videoForm] = Form.useForm<{ title: string; description?: string }>();
  const uploading = percent !== null && percent < 100 && failure === null;

  const send = (file: File, fields: { title?: string; description?: string } = {}) => {
    setFailure(null);
    setFileName(file.name);
    setPercent(0);
    const { promise } = uploadMaterial(accountId, kind, file, { name: libraryName(file.name), ...fields }, setPercent);
    promise.then(
      (material) => {
        setPercent(100);
        onUploaded(material);
      },
      (error: unknown) => {
        const upload = error instanceof MaterialUploadError ? error : new MaterialUploadError(-1, null, String(error));
        setFailure(translateUploadError(t, upload.code, upload.message, rule, upload.status));
      },
    );
  };

  const chosen = (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    const refused = checkFile(file, rule);
    if (refused) {
      setFileName(file.name);
      setPercent(null);
      setFailure(translateUploadError(t, refused, refused, rule));
      return;
    }
    if (kind === 'VIDEO') {
      videoForm.setFieldsValue({ title: file.name.replace(/\.[^.]+$/, '').slice(0, VIDEO_TITLE_MAX), description: '' });
      setVideoFile(file);
    } else {
      send(file);
    }
  };

  return (
    <Flex vertical gap={8} style={{ minWidth: 260 }}>
      <Flex gap={8} align="center" wrap>
        <input
          ref={input}
          type="file"
          style={{ display: 'none' }}
          accept={acceptOf(rule)}
          data-testid="material-upload-input"
          aria-label={t('materials.upload.choose')}
          onChange={(event) => chosen(event.target.files?.[0])}
        />
        <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={uploading} onClick={() => input.current?.click()} data-testid="material-upload">
          {t('materials.upload.button')}
        </Button>
        {rule && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="material-upload-hint">
            {t('materials.upload.hint', { formats: rule.formats.join(', '), max: formatBytes(rule.maxBytes) })}
          </Typography.Text>
        )}
      </Flex>
      {percent !== null && (
        <div>
          <Typography.Text>{fileName}</Typography.Text>
          <Progress
            percent={percent}
            size="small"
            status={failure ? 'exception' : percent === 100 ? 'success' : 'active'}
            data-testid="material-upload-progress"
            data-percent={percent}
          />
        </div>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="material-upload-error" />}
      <Modal
        open={videoFile !== null}
        title={t('materials.upload.videoTitle')}
        okText={t('materials.upload.button')}
        cancelText={t('common.actions.cancel')}
        onCancel={() => setVideoFile(null)}
        okButtonProps={{ 'data-testid': 'material-video-ok' }}
        onOk={() =>
          videoForm.validateFields().then((values) => {
            const file = videoFile;
            setVideoFile(null);
            if (file) send(file, { title: values.title.trim(), description: values.description?.trim() || undefined });
          })
        }
        forceRender
      >
        <Typography.Paragraph type="secondary">{videoFile?.name}</Typography.Paragraph>
        <Form form={videoForm} layout="vertical">
          <Form.Item
            name="title"
            label={t('materials.fields.videoTitle')}
            rules={[
              { required: true, whitespace: true, message: t('materials.errors.VIDEO_TITLE_REQUIRED') },
              { max: VIDEO_TITLE_MAX, message: t('materials.errors.VIDEO_TITLE_TOO_LONG') },
            ]}
          >
            <Input data-testid="material-video-title" showCount maxLength={VIDEO_TITLE_MAX} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('materials.fields.videoDescription')}
            rules={[{ max: VIDEO_DESCRIPTION_MAX, message: t('materials.errors.VIDEO_DESCRIPTION_TOO_LONG') }]}
          >
            <Input.TextArea data-testid="material-video-description" rows={3} showCount maxLength={VIDEO_DESCRIPTION_MAX} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
