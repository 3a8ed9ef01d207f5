/**
 * Calendar dates of event logs as whole days since 1970-01-01 (UTC), in the formats the flag
 * --date-format names: yyyymmdd (19970101), iso (1997-01-01, optionally followed by a time),
 * mdy (01/31/1997) and dmy (31/01/1997). Pure.
 */
export const DATE_FORMATS = ['yyyymmdd', 'iso', 'mdy', 'dmy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MS_PER_DAY = 86_400_000;

function dayOf(y: number, m: number, d: number): number | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1000 && y <= 9999)) return null;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return ms / MS_PER_DAY;
}

/** Day number of `s` in format `f`, or null when it is not a valid date in that format. */
export function parseDay(s: string, f: DateFormat): number | null {
  switch (f) {
    case 'yyyymmdd': {
      if (s.length !== 8) return null;
      const y = +s.slice(0, 4), m = +s.slice(4, 6), d = +s.slice(6, 8);
      return /^\d{8}$/.test(s) ? dayOf(y, m, d) : null;
    }
    case 'iso': {
      const r = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
      return r ? dayOf(+r[1], +r[2], +r[3]) : null;
    }
    case 'mdy':
    case 'dmy': {
      const r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
      if (!r) return null;
      return f === 'mdy' ? dayOf(+r[3], +r[1], +r[2]) : dayOf(+r[3], +r[2], +r[1]);
    }
  }
}

/** The format of a date as written, or null when it is not recognisable (or d/m/y vs m/d/y is ambiguous). */
export function detectDateFormat(s: string): DateFormat | 'ambiguous' | null {
  if (parseDay(s, 'yyyymmdd') !== null) return 'yyyymmdd';
  if (parseDay(s, 'iso') !== null) return 'iso';
  const m = parseDay(s, 'mdy') !== null, d = parseDay(s, 'dmy') !== null;
  if (m && d) return 'ambiguous';
  return m ? 'mdy' : d ? 'dmy' : null;
}

export const formatDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
