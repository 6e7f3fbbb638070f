const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const EPOCH_1900 = Date.UTC(1899, 11, 30); // Excel's day 0, allowing for its phantom 29 February 1900
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

export interface IsoDate {
  year: number;
  month: number;
  day: number;
}

function valid(year: number, month: number, day: number): IsoDate | null {
  if (year < 100) year += 2000;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function fromSerial(serial: number, date1904: boolean): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.floor(serial) * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** UK order for slashed dates (25/11/2026), ISO (2026-11-25) and written months (25 Nov 2026). */
export function parseDateText(input: string): IsoDate | null {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/,/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+z?)?$/.exec(text);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: [\d:]+)?$/.exec(text);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})[\s-]+([a-z]+)[\s-]+(\d{2}|\d{4})$/.exec(text);
  const month = m ? MONTHS.indexOf((m[2] ?? '').slice(0, 3)) : -1;
  if (m && month >= 0) return valid(Number(m[3]), month + 1, Number(m[1]));
  return null;
}

export const isoString = (d: IsoDate): string => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** "2031-01-01" → "1 January 2031", as the reply should show a date. */
export function ukDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const name = new Date(Date.UTC(2000, (month ?? 1) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${day} ${name} ${year}`;
}

// Made once: building a DateTimeFormat costs far more than formatting with it, and every date answer asks for today.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in London, where the form is signed, as YYYY-MM-DD. */
export function londonToday(now: Date): string {
  return LONDON_DAY.format(now);
}
