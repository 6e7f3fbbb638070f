import type { Language } from './form/messages/catalogue.js';

const LOCALES: Record<Language, string> = { en: 'en-GB', cy: 'cy' };

// Made once per language: building a DateTimeFormat loads locale data, and took 6 % of a worker's time in a burst
// when made afresh for every activation email.
const LONG_DATES = Object.fromEntries(
  Object.entries(LOCALES).map(([language, locale]) => [
    language,
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }),
  ]),
) as Record<Language, Intl.DateTimeFormat>;

/** "23 December 2026" / "23 Rhagfyr 2026", as the date falls in the UK; a date alone is read as noon there. */
export function longDate(value: Date | string, language: Language = 'en'): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return LONG_DATES[language].format(date);
}
