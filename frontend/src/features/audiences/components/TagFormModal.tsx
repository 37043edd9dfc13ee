import { Alert, App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { TagFieldsFragment } from '../../../gql/graphql';
import { useMutationForm } from '../../../lib/useMutationForm';
import type { UserErrorLike } from '../../../lib/userErrors';
import { TagCreateMutation, TagRenameMutation } from '../api/operations';

/** What tagCreate and tagRename answer. */
interface TagPayload {
  tag?: TagFieldsFragment | null;
  userErrors: readonly UserErrorLike[];
}

/** WeChat's limit for a tag name (30 characters). */
const NAME_MAX = 30;

/** Creates a tag, or renames `tag` when given; the server's userErrors show under the name. */
export function TagFormModal({
  accountId,
  tag,
  onClose,
  onSaved,
}: {
  accountId: string;
  tag: TagFieldsFragment | null;
  onClose: () => void;
  onSaved: (tag: TagFieldsFragment) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [{ fetching: creating }, create] = useMutation(TagCreateMutation);
  const [{ fetching: renaming }, rename] = useMutation(TagRenameMutation);
  const { submit, formErrors } = useMutationForm<{ name: string }, TagPayload>(form, {
    resource: 'audiences',
    run: async ({ name }) => {
      if (tag) {
        const result = await rename({ input: { accountId, tagId: tag.id, name: name.trim() } });
        return { error: result.error, payload: result.data?.tagRename };
      }
      const result = await create({ input: { accountId, name: name.trim() } });
      return { error: result.error, payload: result.data?.tagCreate };
    },
    onSuccess: (payload) => {
      message.success(t(tag ? 'audiences.tags.renamed' : 'audiences.tags.created'));
      if (payload.tag) onSaved(payload.tag);
      onClose();
    },
  });

  return (
    <Modal
      open
      title={t(tag ? 'audiences.tags.renameTitle' : 'audiences.tags.createTitle')}
      okText={t('common.actions.save')}
      okButtonProps={{ loading: creating || renaming, 'data-testid': 'tag-form-submit' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: tag?.name ?? '' }} onFinish={() => void submit()}>
        <Form.Item
          name="name"
          label={t('audiences.tags.name')}
          rules={[
            { required: true, whitespace: true, message: t('audiences.errors.NAME_REQUIRED') },
            { max: NAME_MAX, message: t('audiences.errors.NAME_TOO_LONG') },
          ]}
        >
          <Input data-testid="tag-name-input" autoFocus />
        </Form.Item>
      </Form>
      {formErrors.length > 0 && <Alert type="error" showIcon message={formErrors.join(' ')} data-testid="tag-form-errors" />}
    </Modal>
  );
}
