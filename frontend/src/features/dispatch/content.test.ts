import { describe, expect, it } from 'vitest';
import {
  INITIAL_AUDIENCE,
  audienceProblems,
  contentProblems,
  fromPresetSource,
  initialFieldValues,
  initialLink,
  sampleValues,
  toContentInput,
  toSelectorInput,
} from './content';

const fields = [{ key: 'thing1' }, { key: 'time2' }, { key: 'character_string3' }];
const preset = {
  url: 'https://example.com/order',
  miniProgramAppId: null,
  miniProgramPagePath: null,
  mappings: [
    { key: 'thing1', source: 'FIXED' as const, fixedValue: '双十一特惠', csvColumn: null },
    { key: 'time2', source: 'CSV_COLUMN' as const, fixedValue: null, csvColumn: 'when' },
    { key: 'character_string3', source: 'REMARK' as const, fixedValue: null, csvColumn: null },
  ],
};

describe('dispatch content', () => {
  it('names the preset sources as dispatch does', () => {
    expect(fromPresetSource('REMARK')).toBe('FAN_REMARK');
    expect(fromPresetSource('TAG_NAME')).toBe('TAG_NAMES');
    expect(fromPresetSource('OPENID')).toBe('OPENID');
    expect(fromPresetSource('CSV_COLUMN')).toBe('CSV_COLUMN');
  });

  it('fills the fields from the preset and leaves unmapped fields as empty text to type', () => {
    expect(initialFieldValues(fields, preset)).toEqual({
      thing1: { source: 'FIXED', text: '双十一特惠', column: '' },
      time2: { source: 'CSV_COLUMN', text: '', column: 'when' },
      character_string3: { source: 'FAN_REMARK', text: '', column: '' },
    });
    expect(initialFieldValues(fields, null).time2).toEqual({ source: 'FIXED', text: '', column: '' });
    expect(initialLink(preset)).toMatchObject({ mode: 'URL', url: 'https://example.com/order' });
    expect(initialLink({ ...preset, miniProgramAppId: 'wxapp', miniProgramPagePath: 'pages/a' }).mode).toBe('MINI_PROGRAM');
    expect(initialLink(null).mode).toBe('NONE');
  });

  it('sends only the text of fixed fields and the column of CSV fields, and the link of its mode', () => {
    const values = initialFieldValues(fields, preset);
    const input = toContentInput('tpl-1', fields, values, { mode: 'NONE', url: 'https://x', miniProgramAppId: 'wx', miniProgramPagePath: 'p' });
    expect(input).toEqual({
      templateId: 'tpl-1',
      fields: [
        { key: 'thing1', source: 'FIXED', text: '双十一特惠', column: null },
        { key: 'time2', source: 'CSV_COLUMN', text: null, column: 'when' },
        { key: 'character_string3', source: 'FAN_REMARK', text: null, column: null },
      ],
      url: null,
      miniProgramAppId: null,
      miniProgramPagePath: null,
    });
    const mini = toContentInput('tpl-1', fields, values, { mode: 'MINI_PROGRAM', url: ' ', miniProgramAppId: ' wxapp ', miniProgramPagePath: 'pages/a' });
    expect(mini).toMatchObject({ url: null, miniProgramAppId: 'wxapp', miniProgramPagePath: 'pages/a' });
  });

  it('asks for a template, CSV columns and the link details before planning', () => {
    const values = initialFieldValues(fields, preset);
    expect(contentProblems(null, fields, values, initialLink(null))).toEqual([{ code: 'TEMPLATE_REQUIRED' }]);
    expect(contentProblems('tpl-1', fields, values, initialLink(preset))).toEqual([]);
    const noColumn = { ...values, time2: { source: 'CSV_COLUMN' as const, text: '', column: ' ' } };
    expect(contentProblems('tpl-1', fields, noColumn, { ...initialLink(null), mode: 'URL' })).toEqual([
      { code: 'COLUMN_REQUIRED', field: 'time2' },
      { code: 'URL_REQUIRED' },
    ]);
  });

  it('needs an uploaded list with the column for a CSV field, and the audience parts of its kind', () => {
    const values = initialFieldValues(fields, preset);
    expect(audienceProblems(INITIAL_AUDIENCE, fields, values, null)).toEqual([{ code: 'CSV_NEEDS_UPLOAD', field: 'time2' }]);
    const upload = { ...INITIAL_AUDIENCE, kind: 'UPLOAD' as const, uploadId: 'up-1' };
    expect(audienceProblems(upload, fields, values, ['openid', 'when'])).toEqual([]);
    expect(audienceProblems(upload, fields, values, ['openid'])).toEqual([{ code: 'COLUMN_UNKNOWN', field: 'time2', column: 'when' }]);
    expect(audienceProblems({ ...INITIAL_AUDIENCE, kind: 'TAGS' }, [], {}, null)).toEqual([{ code: 'TAGS_REQUIRED' }]);
    expect(audienceProblems({ ...INITIAL_AUDIENCE, kind: 'SEGMENT' }, [], {}, null)).toEqual([{ code: 'SEGMENT_REQUIRED' }]);
  });

  it('builds the selector of the chosen kind only', () => {
    const audience = { kind: 'TAGS' as const, tagIds: [100, 101], tagMatch: 'ALL' as const, uploadId: 'up-1', segmentId: 'seg-1' };
    expect(toSelectorInput('acc-1', audience)).toEqual({ accountId: 'acc-1', kind: 'TAGS', tagIds: [100, 101], tagMatch: 'ALL', uploadId: null, segmentId: null });
    expect(toSelectorInput('acc-1', { ...audience, kind: 'SEGMENT' })).toMatchObject({ tagIds: null, segmentId: 'seg-1' });
  });

  it('gives the preview one value per template field, in the template order', () => {
    expect(sampleValues(fields, [{ key: 'time2', value: '2026-12-03 10:00' }, { key: 'thing1', value: 'A' }])).toEqual([
      { key: 'thing1', value: 'A' },
      { key: 'time2', value: '2026-12-03 10:00' },
      { key: 'character_string3', value: '' },
    ]);
  });
});
