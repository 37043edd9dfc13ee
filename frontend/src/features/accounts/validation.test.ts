import type { FormInstance, FormRule } from 'antd';
import { describe, expect, it } from 'vitest';
import i18n from '../../lib/i18n';
import { accountRules } from './validation';

const t = i18n.getFixedT('en-US');

/** Runs antd-style rules the way the form does; returns the first error message or null. */
async function check(rules: FormRule[], value: unknown, fields: Record<string, unknown> = {}) {
  const form = { getFieldValue: (name: string) => fields[name] } as unknown as FormInstance;
  for (const entry of rules) {
    const rule = typeof entry === 'function' ? entry(form) : entry;
    if (rule.required && (value === undefined || value === null || String(value).trim() === '')) {
      return String(rule.message);
    }
    if (rule.max !== undefined && typeof value === 'string' && value.length > rule.max) return String(rule.message);
    if (rule.validator) {
      try {
        await rule.validator(rule as never, value, () => {});
      } catch (error) {
        return (error as Error).message;
      }
    }
  }
  return null;
}

const rules = accountRules(t);

describe('account rules (mirror of the server)', () => {
  it.each([
    ['gh_0123456789ab', null],
    ['gh_0123456789AB', null],
    ['gh_0123456789a', 'The original ID must be gh_ followed by 12 hexadecimal characters.'],
    ['gx_0123456789ab', 'The original ID must be gh_ followed by 12 hexadecimal characters.'],
    ['gh_0123456789ag', 'The original ID must be gh_ followed by 12 hexadecimal characters.'],
  ])('originalId %s', async (value, expected) => {
    expect(await check(rules.originalId, value)).toBe(expected);
  });

  it.each([
    ['wx0123456789abcdef', null],
    ['wx0123456789abcde', 'The AppID must be wx followed by 16 hexadecimal characters.'],
    ['wx0123456789abcdeg', 'The AppID must be wx followed by 16 hexadecimal characters.'],
    ['', 'The AppID must be wx followed by 16 hexadecimal characters.'],
  ])('appId %s', async (value, expected) => {
    expect(await check(rules.appId, value)).toBe(expected);
  });

  it.each([
    ['0123456789abcdef0123456789abcdef', null],
    ['0123456789ABCDEF0123456789ABCDEF', 'The AppSecret must be 32 hexadecimal characters.'],
    ['0123456789abcdef', 'The AppSecret must be 32 hexadecimal characters.'],
  ])('appSecret %s', async (value, expected) => {
    expect(await check(rules.appSecret, value)).toBe(expected);
  });

  it.each([
    ['abc', null],
    ['A1b2C3', null],
    ['ab', 'The token must be 3–32 letters or digits.'],
    ['a'.repeat(33), 'The token must be 3–32 letters or digits.'],
    ['abc_def', 'The token must be 3–32 letters or digits.'],
  ])('token %s', async (value, expected) => {
    expect(await check(rules.token, value)).toBe(expected);
  });

  it('EncodingAESKey: 43 base64 characters; required for COMPATIBLE and SAFE only', async () => {
    const key = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN+/1';
    expect(key).toHaveLength(43);
    expect(await check(rules.encodingAesKey, key, { encryptionMode: 'SAFE' })).toBeNull();
    expect(await check(rules.encodingAesKey, `${key}2`, { encryptionMode: 'SAFE' })).toBe(
      'The EncodingAESKey must be 43 characters (letters, digits, + or /).',
    );
    expect(await check(rules.encodingAesKey, key.replace('+', '-'), { encryptionMode: 'PLAIN' })).toBe(
      'The EncodingAESKey must be 43 characters (letters, digits, + or /).',
    );
    expect(await check(rules.encodingAesKey, '', { encryptionMode: 'COMPATIBLE' })).toBe(
      'An EncodingAESKey is required for compatible and safe mode.',
    );
    expect(await check(rules.encodingAesKey, '', { encryptionMode: 'PLAIN' })).toBeNull();
  });

  it.each([
    ['', null],
    ['https://api.weixin.qq.com', null],
    ['http://localhost:8080/sandbox', null],
    ['ftp://example.com', 'API base URL'],
    ['https://example.com/?a=1', 'API base URL'],
    ['https://user:pw@example.com', 'API base URL'],
    ['not a url', 'API base URL'],
  ])('apiBaseUrl %s', async (value, expected) => {
    const result = await check(rules.apiBaseUrl, value);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });

  it('name: required, at most 64 characters', async () => {
    expect(await check(rules.name, '  ')).toBe('Enter a name.');
    expect(await check(rules.name, 'x'.repeat(64))).toBeNull();
    expect(await check(rules.name, 'x'.repeat(65))).toBe('The name is too long (at most 64 characters).');
  });
});
