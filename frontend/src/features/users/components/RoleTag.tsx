import { Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../gql/graphql';

export const ROLES: Role[] = ['ADMIN', 'OPERATOR', 'VIEWER'];

const COLORS: Record<Role, string> = { ADMIN: 'red', OPERATOR: 'blue', VIEWER: 'default' };

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[role]}>{t(`users.roles.${role}`)}</Tag>;
}

export interface RoleChoiceProps {
  value?: Role;
  onChange?: (role: Role) => void;
  disabled?: boolean;
  /** The group's accessible name. */
  label: string;
  size?: 'small' | 'middle';
}

/**
 * The three roles as radio buttons named by their labels. (antd's Select lists its options to
 * assistive technology with the values as their text: "ADMIN", not "Administrator".)
 */
export function RoleChoice({ value, onChange, disabled, label, size = 'middle' }: RoleChoiceProps) {
  const { t } = useTranslation();
  return (
    <div role="radiogroup" aria-label={label}>
      <Radio.Group
        optionType="button"
        size={size}
        value={value}
        disabled={disabled}
        options={ROLES.map((role) => ({ value: role, label: t(`users.roles.${role}`) }))}
        onChange={(e) => onChange?.(e.target.value as Role)}
      />
    </div>
  );
}
