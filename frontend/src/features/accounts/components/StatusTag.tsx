import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountStatus, AccountType, ApiTarget } from '../../../gql/graphql';

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'ACTIVE' ? 'green' : 'red'}>{t(`accounts.status.${status}`)}</Tag>;
}

export function AccountTypeTag({ type }: { type: AccountType }) {
  const { t } = useTranslation();
  return <Tag color={type === 'SERVICE' ? 'blue' : 'purple'}>{t(`accounts.type.${type}`)}</Tag>;
}

export function ApiTargetTag({ target }: { target: ApiTarget }) {
  const { t } = useTranslation();
  return <Tag color={target === 'WECHAT' ? 'green' : 'orange'}>{t(`accounts.apiTarget.${target}`)}</Tag>;
}
