import type { SMTPServerEnvelope } from 'smtp-server';

/** A recipient such as `slow-3000@firm.example` makes the test SMTP listener hold its answer to DATA for 3 s. */
export function smtpDelayFor(envelope: SMTPServerEnvelope): number {
  return Math.max(0, ...envelope.rcptTo.map((recipient) => delayNamed('slow', recipient.address)));
}

/** A recipient such as `slowrcpt-3000@firm.example` makes it hold its answer to RCPT TO for 3 s, before DATA. */
export function smtpRcptDelayFor(address: string): number {
  return delayNamed('slowrcpt', address);
}

function delayNamed(prefix: string, address: string): number {
  const match = new RegExp(`^${prefix}-(\\d{1,5})@`, 'i').exec(address);
  return match ? Number(match[1]) : 0;
}

/** A recipient such as `refuse550-anything@firm.example` is refused by the test SMTP listener with that code. */
export function smtpRefusalFor(address: string): number | null {
  const match = /^refuse(5\d\d)-/i.exec(address);
  return match ? Number(match[1]) : null;
}
