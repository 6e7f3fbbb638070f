import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

/** A real RFC 5322 email, as nodemailer would send it, for tests that read or authenticate emails. */
export async function composeEmail(options: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({ from: 'clerk@smith-law.example', to: 'onboarding@cp.example', subject: 'Registration', text: 'Hello', ...options });
  return info.message as Buffer;
}
