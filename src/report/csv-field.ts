/**
 * One CSV field, for every CSV cxsim writes: RFC 4180 quoting, and the OWASP guard against
 * CSV (formula) injection. Text that a spreadsheet would read as a formula — a field starting
 * with = + - @, a tab or a carriage return — is written as text: a leading ' and the whole
 * field in double quotes. A number stays a number, also when it arrives as text ("-3.5",
 * "+1e-9"), so numeric columns are never turned into text. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when a spreadsheet would evaluate this text as a formula (and it is not a plain number). */
export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s) && !NUMBER_TEXT.test(s);
}

/** Quotes a CSV field when needed (RFC 4180); text that starts like a formula gets a leading ' inside quotes (OWASP). */
export function csvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (looksLikeFormula(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
