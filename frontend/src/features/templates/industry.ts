/** An industry's name in the UI language ("IT科技 / 互联网|电子商务" or "IT / Internet"). */
export function industryName(
  industry: { firstClass: string; firstClassEn: string; secondClass: string; secondClassEn: string } | null | undefined,
  language: string,
): string {
  if (!industry) return '—';
  return language.startsWith('zh')
    ? `${industry.firstClass} / ${industry.secondClass}`
    : `${industry.firstClassEn} / ${industry.secondClassEn}`;
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charLength(value: string): number {
  return [...value].length;
}
