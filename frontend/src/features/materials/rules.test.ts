import { describe, expect, it } from 'vitest';
import { acceptOf, checkFile, formatBytes, formatDuration, libraryName } from './rules';

const thumb = { kind: 'THUMB' as const, maxBytes: 64 * 1024, formats: ['jpg'], count: 3, cap: 1000 };

describe('material rules', () => {
  it('check a file against the kind before it is sent', () => {
    expect(checkFile({ name: 'cover.JPEG', size: 1000 }, thumb)).toBeNull();
    expect(checkFile({ name: 'cover.png', size: 1000 }, thumb)).toBe('FORMAT_NOT_ALLOWED');
    expect(checkFile({ name: 'cover.jpg', size: 64 * 1024 + 1 }, thumb)).toBe('FILE_TOO_LARGE');
    expect(checkFile({ name: 'cover.jpg', size: 0 }, thumb)).toBe('FILE_EMPTY');
    expect(checkFile({ name: 'cover.jpg', size: 10 }, { ...thumb, count: 1000 })).toBe('LIBRARY_FULL');
    expect(checkFile({ name: 'anything', size: 10 }, undefined)).toBeNull();
  });

  it('format sizes, durations and the accept attribute', () => {
    expect(formatBytes(65536)).toBe('64 KB');
    expect(formatBytes('10485760')).toBe('10 MB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatDuration(59_600)).toBe('1:00');
    expect(formatDuration(7000)).toBe('0:07');
    expect(acceptOf(thumb)).toBe('.jpg,.jpeg');
  });

  it('shorten long names before their extension', () => {
    const name = `${'长'.repeat(70)}.mp3`;
    expect(Array.from(libraryName(name))).toHaveLength(64);
    expect(libraryName(name).endsWith('.mp3')).toBe(true);
    expect(libraryName('short.mp3')).toBe('short.mp3');
  });
});
