import { Alert, App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useMutationForm } from '../../../lib/useMutationForm';
import { TemplateAddMutation } from '../api/operations';

interface Values {
  shortId: string;
}

/** Adds a template from WeChat's public library by its short id (e.g. TM00015). */
export function AddTemplateModal({
  open,
  accountId,
  onClose,
  onAdded,
}: {
  open: boolean;
  accountId: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, add] = useMutation(TemplateAddMutation);
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'templates',
    run: async (values) => {
      const result = await add({ input: { accountId, shortId: values.shortId.trim() } });
      return { error: result.error, payload: result.data?.templateAdd };
    },
    onSuccess: (payload, values) => {
      message.success(t('templates.messages.added', { title: payload.template?.title ?? values.shortId }));
      clearErrors();
      onAdded();
    },
  });

  const close = () => {
    clearErrors();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('templates.add.title')}
      okText={t('templates.add.submit')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      okButtonProps={{ 'data-testid': 'template-add-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values> form={form} name="addTemplate" layout="vertical" onFinish={() => void submit()} preserve={false}>
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        <Form.Item
          name="shortId"
          label={t('templates.add.shortId')}
          extra={t('templates.add.shortIdHint')}
          rules={[{ required: true, whitespace: true, message: t('templates.errors.TEMPLATE_SHORT_ID_REQUIRED') }]}
        >
          <Input data-testid="template-short-id" placeholder="TM00015" autoComplete="off" spellCheck={false} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
