import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUserErrors } from './userErrors';
import type { ApplyUserErrorsOptions, UserErrorLike } from './userErrors';

/** What a mutation call gave back: a transport/GraphQL error, or the payload with its userErrors. */
export interface MutationOutcome<P extends { userErrors: readonly UserErrorLike[] }> {
  error?: unknown;
  payload?: P | null;
}

/**
 * The submit flow every mutation form shares: validate the fields, call the mutation, show a
 * generic error for transport failures, map `userErrors` onto the fields (the rest become
 * form-level messages), and call `onSuccess` with the payload otherwise.
 */
export function useMutationForm<V, P extends { userErrors: readonly UserErrorLike[] }>(
  form: FormInstance<V>,
  options: ApplyUserErrorsOptions & {
    run: (values: V) => Promise<MutationOutcome<P>>;
    onSuccess: (payload: P, values: V) => void;
  },
) {
  const { t } = useTranslation();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormErrors([]);
    const outcome = await options.run(values);
    if (outcome.error) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    const payload = outcome.payload;
    if (!payload) return;
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: options.resource, fieldMap: options.fieldMap }));
      return;
    }
    options.onSuccess(payload, values);
  };

  return { submit, formErrors, clearErrors: () => setFormErrors([]) };
}
