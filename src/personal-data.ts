const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Runs of 9 or more digits, optionally with spaces, dashes or a leading +: phone numbers, not UIDs, ports or
// the digits inside a hex id (hence no letter or digit may touch either end).
const PHONE_NUMBER = /(?<![\p{L}\p{N}])\+?\d[\d\s-]{8,}\d(?![\p{L}\p{N}])/gu;

/** Removes email addresses and phone numbers from free text before it reaches a log or an error. */
export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL_ADDRESS, '[email]').replace(PHONE_NUMBER, '[number]');
}
