import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { freePort } from './free-port.js';

export interface OutboxMessage {
  file: string;
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

export interface OutboxSmtpOptions {
  dir: string;
  port?: number;
  /** Holds the reply to DATA for this long: lets a test stop a worker while an email is being sent. */
  delayFor?: (envelope: SMTPServerEnvelope) => number;
  /** Holds the reply to RCPT TO for this long: lets a test stop a worker before its email reaches DATA. */
  rcptDelayFor?: (address: string) => number;
  /** Refuses a recipient with this SMTP code (a firm's server that will not take the email), or null to accept. */
  refusalFor?: (address: string) => number | null;
  onMessage?: (message: OutboxMessage) => void;
  /**
   * Require an XOAUTH2 login, as Exchange Online does for SMTP AUTH: `check` says whether the token lets this
   * user send. A refused token gets Exchange's answer, 535 5.7.3.
   */
  xoauth2?: { check(user: string, accessToken: string): Promise<boolean> };
}

export interface OutboxSmtp {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 60 * 1024 * 1024;

/** A local SMTP listener that accepts every email and writes it to `dir` as an .eml file. */
export async function startOutboxSmtp(options: OutboxSmtpOptions): Promise<OutboxSmtp> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  let sequence = 0;
  const xoauth2 = options.xoauth2;
  const server = new SMTPServer({
    authOptional: !xoauth2,
    ...(xoauth2 ? { authMethods: ['XOAUTH2'], allowInsecureAuth: true } : {}),
    onAuth(auth, _session, callback) {
      if (!xoauth2 || auth.method !== 'XOAUTH2' || !auth.username || !auth.accessToken) return callback(new Error('Authentication method not supported'));
      xoauth2.check(auth.username, auth.accessToken).then(
        (allowed) =>
          allowed ? callback(null, { user: auth.username }) : callback(Object.assign(new Error('5.7.3 Authentication unsuccessful'), { responseCode: 535 })),
        (error: unknown) => callback(Object.assign(new Error(`4.7.0 Temporary authentication failure: ${(error as Error).message}`), { responseCode: 454 })),
      );
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refusalFor?.(address.address) ?? null;
      if (refusal !== null) return callback(Object.assign(new Error(`${refusal === 550 ? '5.1.1' : '5.0.0'} Recipient refused`), { responseCode: refusal }));
      const delay = options.rcptDelayFor?.(address.address) ?? 0;
      if (delay > 0) setTimeout(() => callback(), delay);
      else callback();
    },
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        const accept = () => {
          sequence += 1;
          const raw = Buffer.concat(chunks);
          const file = join(options.dir, `${Date.now()}-${String(sequence).padStart(5, '0')}.eml`);
          writeFileSync(file, raw);
          const from = envelope.mailFrom ? envelope.mailFrom.address : '';
          options.onMessage?.({ file, envelope: { from, to: envelope.rcptTo.map((r) => r.address) }, raw });
          callback();
        };
        const delay = options.delayFor?.(envelope) ?? 0;
        if (delay > 0) setTimeout(accept, delay);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits each client connection's socket errors on the server: a sender killed mid-session
  // (ECONNRESET) must not take the listener, and the process it runs in, down with it.
  server.on('error', () => undefined);
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir: options.dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
