import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../gql/graphql';

export const ROLES: Role[] = ['ADMIN', 'OPERATOR', 'VIEWER'];

const COLORS: Record<Role, string> = { ADMIN: 'red', OPERATOR: 'blue', VIEWER: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[role]}>{t(`users.roles.${role}`)}</Tag>;
}
