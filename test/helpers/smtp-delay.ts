import type { SMTPServerEnvelope } from 'smtp-server';

/** A recipient such as `slow-3000@firm.example` makes the test SMTP listener hold its answer for 3 s. */
export function smtpDelayFor(envelope: SMTPServerEnvelope): number {
  for (const recipient of envelope.rcptTo) {
    const match = /^slow-(\d{1,5})@/i.exec(recipient.address);
    if (match) return Number(match[1]);
  }
  return 0;
}
