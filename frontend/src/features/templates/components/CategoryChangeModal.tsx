import { Alert, Checkbox, Descriptions, Flex, Modal, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplateCategoryFieldsFragment, TemplateCategoryPlanQuery } from '../../../gql/graphql';
import { categoryErrorText, categoryName } from '../categories';

/** A category change under review: the chosen ids, what the server said it would do, and the operator's answers. */
export interface CategoryReview {
  ids: string[];
  plan: TemplateCategoryPlanQuery['templateCategoryPlan'];
  /** The operator ticked "I understand these templates will be deleted". */
  acknowledged: boolean;
  /** Why the last attempt to apply it was refused (translated). */
  errors: string[];
}

function CategoryTags({ categories, color, testId }: { categories: readonly TemplateCategoryFieldsFragment[]; color: string; testId: string }) {
  if (categories.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex wrap gap={4} data-testid={testId}>
      {categories.map((category) => (
        <Tag key={category.id} color={color} style={{ marginInlineEnd: 0 }}>
          {categoryName(category)}
        </Tag>
      ))}
    </Flex>
  );
}

/**
 * Shows what a category change does before it is made: categories added and removed, the month's
 * changes it uses, why it cannot be made, and the templates WeChat will delete (which must be
 * acknowledged before "Apply change" is enabled).
 */
export function CategoryChangeModal({
  review,
  applying,
  nameOf,
  onAcknowledge,
  onApply,
  onClose,
}: {
  review: CategoryReview;
  applying: boolean;
  nameOf: (id: string) => string;
  onAcknowledge: (acknowledged: boolean) => void;
  onApply: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { plan, ids, acknowledged, errors } = review;
  const problems = plan.problems.map((problem) => categoryErrorText(t, problem, ids, nameOf));
  const deleted = plan.deletedTemplates;
  const isChange = plan.added.length > 0 || plan.removed.length > 0;
  const canApply = isChange && problems.length === 0 && (deleted.length === 0 || acknowledged);

  return (
    <Modal
      open
      title={t('templates.categories.reviewTitle')}
      okText={t('templates.categories.apply')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={applying}
      onOk={onApply}
      onCancel={onClose}
      okButtonProps={{ disabled: !canApply, danger: deleted.length > 0, 'data-testid': 'categories-apply' } as ButtonProps}
      destroyOnHidden
    >
      <div data-testid="categories-plan">
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('templates.categories.added')}>
            <CategoryTags categories={plan.added} color="green" testId="categories-plan-added" />
          </Descriptions.Item>
          <Descriptions.Item label={t('templates.categories.removed')}>
            <CategoryTags categories={plan.removed} color="red" testId="categories-plan-removed" />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph data-testid="categories-plan-changes">
          {isChange
            ? t('templates.categories.uses', { changes: plan.changesNeeded, remaining: plan.allowance.remaining })
            : t('templates.categories.noChange')}
        </Typography.Paragraph>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="categories-plan-problems"
            style={{ marginBottom: 12 }}
            message={t('templates.categories.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((text, index) => (
                  <li key={index}>{text}</li>
                ))}
              </ul>
            }
          />
        )}
        {deleted.length > 0 && (
          <>
            <Alert
              type="error"
              showIcon
              data-testid="categories-deleted-templates"
              style={{ marginBottom: 12 }}
              message={t('templates.categories.deletedTitle')}
              description={
                <>
                  <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
                    {deleted.map((template) => (
                      <li key={template.id}>{template.title ?? template.templateId}</li>
                    ))}
                  </ul>
                  {t('templates.categories.deletedHint')}
                </>
              }
            />
            <Checkbox
              checked={acknowledged}
              onChange={(e) => onAcknowledge(e.target.checked)}
              data-testid="categories-acknowledge"
            >
              {t('templates.categories.acknowledge')}
            </Checkbox>
          </>
        )}
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="categories-apply-errors"
            style={{ marginTop: 12 }}
            message={errors.join(' ')}
          />
        )}
      </div>
    </Modal>
  );
}
