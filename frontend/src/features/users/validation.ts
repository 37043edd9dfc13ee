import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';

/** Client-side mirror of the server's user rules (the server stays authoritative). */
export const USER_LIMITS = {
  username: /^[a-z0-9._-]{3,32}$/,
  passwordMin: 10,
  passwordMax: 128,
} as const;

export function usernameRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('users.errors.USERNAME_INVALID') },
    {
      validator: (_rule, value: unknown) =>
        !value || USER_LIMITS.username.test(String(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t('users.errors.USERNAME_INVALID'))),
    },
  ];
}

export function passwordRules(t: TFunction): FormRule[] {
  return [
    { required: true, message: t('users.errors.PASSWORD_TOO_SHORT') },
    { min: USER_LIMITS.passwordMin, message: t('users.errors.PASSWORD_TOO_SHORT') },
    { max: USER_LIMITS.passwordMax, message: t('users.errors.PASSWORD_TOO_LONG') },
  ];
}

/** "Repeat password" must equal the field `otherField`. */
export function confirmPasswordRules(t: TFunction, otherField: string): FormRule[] {
  return [
    { required: true, message: t('users.validation.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: (_rule, value: unknown) =>
        !value || value === getFieldValue(otherField)
          ? Promise.resolve()
          : Promise.reject(new Error(t('users.validation.passwordMismatch'))),
    }),
  ];
}
