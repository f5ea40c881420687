/** Dates as letters write them, turned into ISO 8601 (YYYY-MM-DD). */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A date anywhere in running text: 12/05/2016, 9/2/14, 11-21-2016, December 19, 2016. */
export const DATE_PATTERN =
  /\b(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},?\s+\d{4})\b/;

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toIsoDate(raw: string): string | undefined {
  const s = raw.trim();
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(s);
  if (m) {
    let year = Number(m[3]);
    if (m[3].length === 2) year += year <= 50 ? 2000 : 1900;
    return iso(year, Number(m[1]), Number(m[2]));
  }
  m = /^([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1].toLowerCase());
    if (month >= 0) return iso(Number(m[3]), month + 1, Number(m[2]));
  }
  return undefined;
}
