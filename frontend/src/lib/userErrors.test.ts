import { describe, expect, it, vi } from 'vitest';
import i18n from './i18n';
import { applyUserErrors, translateUserError } from './userErrors';
import type { UserErrorForm } from './userErrors';

/** A form with the given registered fields that records setFields calls. */
function fakeForm(fields: string[]) {
  const setFields = vi.fn();
  const form: UserErrorForm = {
    setFields,
    getFieldsValue: (() => Object.fromEntries(fields.map((f) => [f, undefined]))) as UserErrorForm['getFieldsValue'],
  };
  return { form, setFields };
}

const en = i18n.getFixedT('en-US');
const zh = i18n.getFixedT('zh-CN');

describe('applyUserErrors', () => {
  it('puts translated errors under their fields and groups several per field', () => {
    const { form, setFields } = fakeForm(['appId', 'encodingAesKey', 'name']);

    const formLevel = applyUserErrors(
      form,
      [
        { code: 'APP_ID_TAKEN', field: 'appId', message: 'server text 1' },
        { code: 'ENCODING_AES_KEY_INVALID', field: 'encodingAesKey', message: 'server text 2' },
        { code: 'ENCODING_AES_KEY_REQUIRED', field: 'encodingAesKey', message: 'server text 3' },
      ],
      en,
      { resource: 'accounts' },
    );

    expect(formLevel).toEqual([]);
    expect(setFields).toHaveBeenCalledTimes(1);
    expect(setFields.mock.calls[0][0]).toEqual([
      { name: 'appId', errors: ['Another account already uses this AppID.'] },
      {
        name: 'encodingAesKey',
        errors: [
          'The EncodingAESKey must be 43 characters (letters, digits, + or /).',
          'An EncodingAESKey is required for compatible and safe mode.',
        ],
      },
    ]);
  });

  it('returns an error with a null field as a form-level message', () => {
    const { form, setFields } = fakeForm(['name']);

    const formLevel = applyUserErrors(form, [{ code: 'NOT_FOUND', field: null, message: 'gone' }], en, {
      resource: 'accounts',
    });

    expect(formLevel).toEqual(['This account does not exist (it may have been deleted).']);
    expect(setFields).not.toHaveBeenCalled();
  });

  it('treats an error on a field the form does not have as form-level', () => {
    const { form, setFields } = fakeForm(['name', 'appId']);

    const formLevel = applyUserErrors(
      form,
      [{ code: 'ENCODING_AES_KEY_REQUIRED', field: 'encodingAesKey', message: 'x' }],
      en,
      { resource: 'accounts' },
    );

    expect(formLevel).toEqual(['An EncodingAESKey is required for compatible and safe mode.']);
    expect(setFields).not.toHaveBeenCalled();
  });

  it('falls back to the server message for an unknown code', () => {
    const { form, setFields } = fakeForm(['appId']);

    const formLevel = applyUserErrors(
      form,
      [
        { code: 'SOMETHING_NEW', field: 'appId', message: 'Server says no' },
        { code: 'ALSO_NEW', field: null, message: 'Whole form is wrong' },
      ],
      en,
      { resource: 'accounts' },
    );

    expect(setFields).toHaveBeenCalledWith([{ name: 'appId', errors: ['Server says no'] }]);
    expect(formLevel).toEqual(['Whole form is wrong']);
  });

  it('translates in the language of the given t function', () => {
    const { form, setFields } = fakeForm(['appId']);

    applyUserErrors(form, [{ code: 'APP_ID_TAKEN', field: 'appId', message: 'taken' }], zh, {
      resource: 'accounts',
    });

    expect(setFields).toHaveBeenCalledWith([{ name: 'appId', errors: ['已有其他公众号使用此 AppID。'] }]);
  });

  it('renames server fields with fieldMap', () => {
    const { form, setFields } = fakeForm(['newPassword']);

    const formLevel = applyUserErrors(
      form,
      [{ code: 'PASSWORD_TOO_SHORT', field: 'password', message: 'short' }],
      en,
      { resource: 'users', fieldMap: { password: 'newPassword' } },
    );

    expect(formLevel).toEqual([]);
    expect(setFields).toHaveBeenCalledWith([
      { name: 'newPassword', errors: ['The password must be at least 10 characters.'] },
    ]);
  });

  it('does nothing for an empty or missing list', () => {
    const { form, setFields } = fakeForm(['appId']);
    expect(applyUserErrors(form, [], en)).toEqual([]);
    expect(applyUserErrors(form, null, en)).toEqual([]);
    expect(setFields).not.toHaveBeenCalled();
  });
});

describe('translateUserError', () => {
  it('passes the server message to the translation (ACCOUNT_IN_USE says what uses it)', () => {
    const text = translateUserError(
      en,
      { code: 'ACCOUNT_IN_USE', field: null, message: '3 scheduled dispatches' },
      'accounts',
    );
    expect(text).toBe('The account is still in use and cannot be deleted: 3 scheduled dispatches');
  });

  it('uses common.errors when the resource has no such code', () => {
    expect(translateUserError(en, { code: 'FORBIDDEN', message: 'nope' }, 'accounts')).toBe(
      'You do not have permission to do this.',
    );
  });
});
