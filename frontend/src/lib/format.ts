/** Formats an ISO date-time for the current UI language; '—' when absent. */
export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** WeChat counts days and months (quotas, change allowances) in China time. */
const CHINA_TIME = 'Asia/Shanghai';

/** The date part of an ISO date-time as it is in China (where WeChat's days and months start). */
export function formatChinaDate(value: string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: CHINA_TIME }).format(date);
}
