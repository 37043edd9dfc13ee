/** An instant in the user's own time zone, with the zone's name: "Dec 4, 2026, 12:00 AM GMT+8". */
export function formatLocalTime(value: string | null | undefined, language: string, timeZone?: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  // dateStyle/timeStyle cannot be combined with timeZoneName: name the parts instead
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}
