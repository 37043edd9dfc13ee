import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface CopyableTextProps {
  text: string;
  /** Accessible name of the copy button, e.g. "Copy callback URL". */
  copyLabel?: string;
  testId?: string;
}

/** Read-only monospace text with a copy button. */
export function CopyableText({ text, copyLabel, testId }: CopyableTextProps) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      code
      data-testid={testId}
      style={{ wordBreak: 'break-all' }}
      copyable={{
        text,
        tooltips: [copyLabel ?? t('common.actions.copy'), t('common.messages.copied')],
      }}
    >
      {text}
    </Typography.Text>
  );
}
