import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Flattens to dotted keys; plural variants (`_one`, `_other`) collapse to their base. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path.replace(/_(zero|one|two|few|many|other)$/, '')] : keys(value, path);
  });
}

const en = new Set(keys(enUS as Tree));
const zh = new Set(keys(zhCN as Tree));

const CONTRACT_CODES = {
  accounts: [
    'NAME_REQUIRED',
    'NAME_TOO_LONG',
    'ORIGINAL_ID_INVALID',
    'APP_ID_INVALID',
    'APP_ID_TAKEN',
    'APP_SECRET_INVALID',
    'TOKEN_INVALID',
    'ENCODING_AES_KEY_INVALID',
    'ENCODING_AES_KEY_REQUIRED',
    'API_BASE_URL_INVALID',
    'NOT_FOUND',
    'ACCOUNT_IN_USE',
  ],
  users: [
    'USERNAME_INVALID',
    'USERNAME_TAKEN',
    'PASSWORD_TOO_SHORT',
    'PASSWORD_TOO_LONG',
    'PASSWORD_INCORRECT',
    'LAST_ADMIN',
    'SELF_CHANGE_FORBIDDEN',
    'NOT_FOUND',
  ],
  auth: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS'],
  events: ['NOT_FOUND', 'NOT_A_SANDBOX_ACCOUNT', 'SANDBOX_UNREACHABLE', 'SANDBOX_REFUSED'],
  connection: ['WECHAT_CREDENTIALS_INVALID', 'WECHAT_UNREACHABLE', 'WECHAT_ERROR', 'NOT_FOUND'],
  templates: [
    'TEMPLATES_NOT_AVAILABLE',
    'INDUSTRY_INVALID',
    'INDUSTRY_UNKNOWN',
    'INDUSTRY_REQUIRED',
    'INDUSTRIES_IDENTICAL',
    'INDUSTRY_CHANGE_TOO_SOON',
    'INDUSTRY_CHANGE_LIMIT_REACHED',
    'TEMPLATE_LIMIT_REACHED',
    'TEMPLATE_SHORT_ID_REQUIRED',
    'TEMPLATE_SHORT_ID_UNKNOWN',
    'WECHAT_UNAVAILABLE',
    'WECHAT_REFUSED',
    'NOT_FOUND',
    'CATEGORY_DUPLICATE',
    'CATEGORY_LIMIT_EXCEEDED',
    'CATEGORY_REQUIRED',
    'CATEGORY_CHANGE_LIMIT_REACHED',
    'MINIPROGRAM_APPID_INVALID',
    'MINIPROGRAM_APPID_REQUIRED',
    'MINIPROGRAM_PAGEPATH_INVALID',
    'MINIPROGRAM_PAGEPATH_REQUIRED',
    'PRESET_CSV_COLUMN_REQUIRED',
    'PRESET_FIELD_DUPLICATE',
    'PRESET_FIELD_REQUIRED',
    'PRESET_FIELD_UNKNOWN',
    'PRESET_FIXED_VALUE_REQUIRED',
    'PRESET_SOURCE_REQUIRED',
    'URL_INVALID',
    'LARGEST_ID_INVALID',
    'CURSOR_INVALID',
    'CATEGORY_UNKNOWN',
    'CATEGORY_CHANGE_UNCONFIRMED',
    'SETUP_MODEL_MISMATCH',
    'SETUP_MODEL_REQUIRED',
    'TEMPLATE_OUTSIDE_SETUP',
    'TEMPLATE_KEYWORD_UNKNOWN',
    'TEMPLATE_KEYWORD_REQUIRED',
    'TEMPLATE_KEYWORD_DUPLICATE',
    'TEMPLATE_KEYWORDS_NOT_USED',
    'TEMPLATE_KEYWORDS_REQUIRED',
    'TEMPLATE_VALUE_REFUSED',
    'PRESET_CHANGED',
    'PRESET_VERSION_INVALID',
  ],
  audiences: [
    'NOT_FOUND',
    'FAN_NOT_FOUND',
    'REMARK_TOO_LONG',
    'INVALID_FILTER',
    'SYNC_ALREADY_RUNNING',
    'SYNC_NOT_RUNNING',
    'TAG_NAME_REQUIRED',
    'TAG_NAME_TOO_LONG',
    'TAG_NAME_INVALID',
    'TAG_NAME_TAKEN',
    'TAG_LIMIT_REACHED',
    'TAG_RESERVED',
    'TAG_TOO_MANY_FANS',
    'TAG_UNKNOWN',
    'TAG_JOB_SOURCE_INVALID',
    'TAG_JOB_FINISHED',
    'TAG_ACTION_REQUIRED',
    'OPENIDS_REQUIRED',
    'OPENIDS_TOO_MANY',
    'OPENID_INVALID',
    'NAME_REQUIRED',
    'NAME_TOO_LONG',
    'NAME_TAKEN',
    'UPLOAD_NOT_READY',
    'UPLOAD_TOO_LARGE',
    'UPLOAD_INTERRUPTED',
    'LINE_TOO_LONG',
    'TOO_MANY_COLUMNS',
    'SELECTOR_REQUIRED',
    'TAGS_REQUIRED',
    'KIND_REQUIRED',
    'WECHAT_UNAVAILABLE',
    'WECHAT_REFUSED',
    'WECHAT_ERROR',
  ],
  common: ['FORBIDDEN', 'UNAUTHENTICATED'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'gql' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Preview warning codes (TemplatePreviewWarningCode), shown under `templates.preview.warnings`. */
const PREVIEW_WARNING_CODES = ['VALUE_TRUNCATED', 'VALUE_EMPTY', 'VALUE_MISSING', 'UNKNOWN_KEY', 'LEGACY_FIELD_HIDDEN', 'EMOJI_REMOVED'];

/** Why WeChat refuses a typed value (TemplateValueRefusalReason), shown under `templates.preview.refusals`. */
const REFUSAL_REASONS = ['EMPTY', 'TOO_LONG', 'CHARACTER_NOT_ALLOWED', 'CONTROL_CHARACTER', 'TIME_FORMAT', 'DATE_FORMAT', 'AMOUNT_FORMAT',
  'CAR_NUMBER_FORMAT', 'NAME_FORMAT'];

describe('locales', () => {
  it('translate every reason WeChat refuses a typed value for, in both languages', () => {
    for (const reason of REFUSAL_REASONS) {
      expect(en).toContain(`templates.preview.refusals.${reason}`);
      expect(zh).toContain(`templates.preview.refusals.${reason}`);
    }
  });

  it('translate every template preview warning in both languages', () => {
    for (const code of PREVIEW_WARNING_CODES) {
      expect(en).toContain(`templates.preview.warnings.${code}`);
      expect(zh).toContain(`templates.preview.warnings.${code}`);
    }
  });

  it('zh-CN and en-US have the same keys', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('translate every error code of the contract in both languages', () => {
    for (const [resource, codes] of Object.entries(CONTRACT_CODES)) {
      for (const code of codes) {
        expect(en, `en-US ${resource}.errors.${code}`).toContain(`${resource}.errors.${code}`);
        expect(zh, `zh-CN ${resource}.errors.${code}`).toContain(`${resource}.errors.${code}`);
      }
    }
  });

  it('contain every literal key the code asks for', () => {
    // vitest runs from the frontend directory (npm test, Maven exec)
    const srcDir = join(process.cwd(), 'src');
    const missing: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        checked += 1;
        if (!en.has(match[1])) missing.push(`${match[1]} (${file.slice(srcDir.length + 1)})`);
      }
      // template keys such as t(`accounts.type.${value}`): check the prefix exists
      for (const match of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
        if (![...en].some((k) => k.startsWith(`${match[1]}.`))) missing.push(`${match[1]}.* (${file})`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
