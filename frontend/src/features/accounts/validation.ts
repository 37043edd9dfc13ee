import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import type { EncryptionMode } from '../../gql/graphql';

/**
 * Client-side mirror of the server's account rules. The messages are the server's
 * codes translated, so a client error reads exactly like the server's would.
 * The server stays authoritative: its userErrors are mapped onto the same fields.
 */
export const ACCOUNT_LIMITS = {
  /** NAME_TOO_LONG: assumed limit (the contract names the code, not the number). */
  nameMaxLength: 64,
  // original id and AppID: the server trims and lowercases them before checking
  originalId: /^gh_[0-9a-fA-F]{12}$/,
  appId: /^wx[0-9a-fA-F]{16}$/,
  /** The server stores the secret as given and accepts lowercase hex only. */
  appSecret: /^[0-9a-f]{32}$/,
  token: /^[A-Za-z0-9]{3,32}$/,
  encodingAesKey: /^[A-Za-z0-9+/]{43}$/,
  apiBaseUrl: /^https?:\/\/[^\s/?#]+[^\s]*$/i,
} as const;

export const MODES_NEEDING_AES_KEY: readonly EncryptionMode[] = ['COMPATIBLE', 'SAFE'];

export type AccountRuleField =
  | 'name'
  | 'originalId'
  | 'appId'
  | 'appSecret'
  | 'token'
  | 'encodingAesKey'
  | 'apiBaseUrl';

function pattern(regex: RegExp, message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      value === undefined || value === null || value === '' || regex.test(String(value).trim())
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

function required(message: string): FormRule {
  return { required: true, whitespace: true, message };
}

function isValidHttpUrl(value: string): boolean {
  if (!ACCOUNT_LIMITS.apiBaseUrl.test(value)) return false;
  try {
    // like the server: http(s), a host, no user info, no query, no fragment
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === '' &&
      !value.includes('?') &&
      !value.includes('#')
    );
  } catch {
    return false;
  }
}

export interface AccountRuleOptions {
  /** Secrets are mandatory when creating; the replace dialog always asks for a value. */
  secretsRequired: boolean;
}

/** antd Form rules per field. `t` translates `accounts.errors.<CODE>`. */
export function accountRules(
  t: TFunction,
  { secretsRequired }: AccountRuleOptions = { secretsRequired: true },
): Record<AccountRuleField, FormRule[]> {
  const e = (code: string) => t(`accounts.errors.${code}`);
  return {
    name: [
      required(e('NAME_REQUIRED')),
      { max: ACCOUNT_LIMITS.nameMaxLength, message: e('NAME_TOO_LONG') },
    ],
    originalId: [required(e('ORIGINAL_ID_INVALID')), pattern(ACCOUNT_LIMITS.originalId, e('ORIGINAL_ID_INVALID'))],
    appId: [required(e('APP_ID_INVALID')), pattern(ACCOUNT_LIMITS.appId, e('APP_ID_INVALID'))],
    appSecret: [
      ...(secretsRequired ? [required(e('APP_SECRET_INVALID'))] : []),
      pattern(ACCOUNT_LIMITS.appSecret, e('APP_SECRET_INVALID')),
    ],
    token: [
      ...(secretsRequired ? [required(e('TOKEN_INVALID'))] : []),
      pattern(ACCOUNT_LIMITS.token, e('TOKEN_INVALID')),
    ],
    encodingAesKey: [
      ({ getFieldValue }) => ({
        validator: (_rule, value: unknown) => {
          const mode = getFieldValue('encryptionMode') as EncryptionMode | undefined;
          const empty = value === undefined || value === null || String(value).trim() === '';
          if (empty && secretsRequired && mode && MODES_NEEDING_AES_KEY.includes(mode)) {
            return Promise.reject(new Error(e('ENCODING_AES_KEY_REQUIRED')));
          }
          return Promise.resolve();
        },
      }),
      pattern(ACCOUNT_LIMITS.encodingAesKey, e('ENCODING_AES_KEY_INVALID')),
    ],
    apiBaseUrl: [
      {
        validator: (_rule, value: unknown) =>
          value === undefined || value === null || String(value).trim() === '' || isValidHttpUrl(String(value).trim())
            ? Promise.resolve()
            : Promise.reject(new Error(e('API_BASE_URL_INVALID'))),
      },
    ],
  };
}
