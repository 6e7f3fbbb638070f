/** UK numbers as typed: "+44 (0)20 7946 0000", "020-7946-0000", or 2079460000 after a spreadsheet dropped the 0. */
function nationalDigits(input: string): string | null {
  let text = input.trim().replace(/\(0\)/g, '');
  if (!/^[+\d\s().\-/]+$/.test(text)) return null;
  text = text.replace(/[\s().\-/]/g, '');
  if (text.startsWith('+44')) text = `0${text.slice(3)}`;
  else if (text.startsWith('0044')) text = `0${text.slice(4)}`;
  else if (text.startsWith('44') && text.length === 12) text = `0${text.slice(2)}`;
  else if (/^[1-9]\d{9}$/.test(text)) text = `0${text}`;
  return /^0\d{9,10}$/.test(text) ? text : null;
}

export function toE164(national: string): string {
  return `+44${national.slice(1)}`;
}

/** Geographic, non-geographic and mobile numbers; premium rate (09) is not a contact number. */
export function normaliseUkPhone(input: string): string | null {
  const national = nationalDigits(input);
  if (!national || !/^0[123578]/.test(national)) return null;
  // Numbers have 11 digits; only a few 01 areas and 0800 numbers still have 10.
  if (national.length === 10 && !/^01|^0800/.test(national)) return null;
  return toE164(national);
}

/** Mobiles are 07 followed by 9 digits, but not 070 (personal numbers) or 076 (pagers, except 07624). */
export function normaliseUkMobile(input: string): string | null {
  const national = nationalDigits(input);
  if (!national || !/^07\d{9}$/.test(national)) return null;
  if (national.startsWith('070') || (national.startsWith('076') && !national.startsWith('07624'))) return null;
  return toE164(national);
}
