import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UploadError, uploadAudienceFile } from '../upload';

/**
 * Picks a CSV or text file of openids and streams it to the server with an upload progress bar;
 * calls `onUploaded` with the new upload's id once the server has it.
 */
export function UploadFileButton({
  accountId,
  onUploaded,
  label,
}: {
  accountId: string;
  onUploaded: (uploadId: string, fileName: string) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const uploading = percent !== null && percent < 100 && failure === null;

  const send = (file: File) => {
    setFailure(null);
    setFileName(file.name);
    setPercent(0);
    const { promise } = uploadAudienceFile(accountId, file, setPercent);
    promise.then(
      (id) => {
        setPercent(100);
        onUploaded(id, file.name);
      },
      (error: unknown) => {
        const upload = error instanceof UploadError ? error : null;
        setFailure(
          upload?.code
            ? t([`audiences.errors.${upload.code}`, `common.errors.${upload.code}`], { defaultValue: upload.message })
            : upload?.status === 0
              ? t('common.errors.network')
              : t('audiences.uploads.failed', { status: upload?.status ?? '?' }),
        );
      },
    );
  };

  return (
    <Flex vertical gap={8} style={{ minWidth: 260 }}>
      <Upload
        accept=".csv,.txt,text/csv,text/plain"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          send(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />} loading={uploading} data-testid="upload-file-button">
          {label ?? t('audiences.uploads.choose')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audiences.uploads.formatHint')}
      </Typography.Text>
      {percent !== null && (
        <div>
          <Typography.Text>{fileName}</Typography.Text>
          <Progress
            percent={percent}
            size="small"
            status={failure ? 'exception' : percent === 100 ? 'success' : 'active'}
            data-testid="upload-progress"
            data-percent={percent}
          />
        </div>
      )}
      {failure && <Alert type="error" showIcon message={failure} data-testid="upload-error" />}
    </Flex>
  );
}
