import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';

/** A business failure as returned in a mutation payload's `userErrors`. */
export interface UserErrorLike {
  readonly code: string;
  readonly field?: string | null;
  readonly message: string;
}

/** The part of antd's FormInstance the helper needs. */
export type UserErrorForm = Pick<FormInstance, 'setFields' | 'getFieldsValue'>;

export interface ApplyUserErrorsOptions {
  /**
   * Resource whose `errors` block translates the codes, e.g. `accounts` →
   * `accounts.errors.APP_ID_TAKEN`. `common.errors.<CODE>` is tried next.
   */
  resource?: string;
  /** Renames server field names to form field names where they differ. */
  fieldMap?: Readonly<Record<string, string>>;
}

/**
 * Translates one user error by its code: `<resource>.errors.<CODE>`, then
 * `common.errors.<CODE>`, and falls back to the server's message for unknown codes.
 * The server message is available to translations as `{{message}}`.
 */
export function translateUserError(
  t: TFunction,
  error: UserErrorLike,
  resource?: string,
): string {
  const keys = [
    ...(resource ? [`${resource}.errors.${error.code}`] : []),
    `common.errors.${error.code}`,
  ];
  return t(keys, { defaultValue: error.message, message: error.message });
}

/**
 * Maps a payload's `userErrors` onto antd Form fields (the server is authoritative):
 * an error whose `field` is a field of the form is shown under that field; an error
 * with a null field, or a field the form does not have, is returned as a form-level
 * message for the caller to show (e.g. in an Alert).
 *
 * @returns translated form-level messages (empty when every error found its field)
 */
export function applyUserErrors(
  form: UserErrorForm,
  userErrors: readonly UserErrorLike[] | null | undefined,
  t: TFunction,
  options: ApplyUserErrorsOptions = {},
): string[] {
  const formFields = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const byField = new Map<string, string[]>();
  const formLevel: string[] = [];

  for (const error of userErrors ?? []) {
    const text = translateUserError(t, error, options.resource);
    const field = error.field ? (options.fieldMap?.[error.field] ?? error.field) : null;
    if (field && formFields.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), text]);
    } else {
      formLevel.push(text);
    }
  }

  if (byField.size > 0) {
    form.setFields(
      [...byField.entries()].map(([name, errors]) => ({ name, errors })),
    );
  }
  return formLevel;
}
