import { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { PluginFunction } from 'nodemailer/lib/mailer/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { SmtpSenderConfig } from '../mail-config.js';
import { classifySmtpFailure, type AuthFailure } from '../mail-auth/auth-failure.js';
import { backoffDelay, TEMPORARY_RETRY_MAX_MS } from '../mail-auth/backoff.js';
import type { TokenSources } from '../mail-auth/token-sources.js';
import { IntakeError } from '../errors.js';

/**
 * Runs once the server has answered DATA (354), before the first byte of the message goes out. Until the message's
 * last line the server can accept nothing, so a send that never got here delivered nothing; throwing stops it here.
 */
export type BeforeData = () => Promise<void>;

/** One sender's SMTP connection: raw emails out, with its own login. */
export interface SenderTransport {
  readonly sender: SmtpSenderConfig;
  sendRaw(envelope: { from: string; to: string[] }, raw: Buffer, beforeData?: BeforeData): Promise<void>;
  /** Logs in without sending, to learn early whether the credentials work. */
  verify(): Promise<void>;
  close(): void;
}

/** The senders of a worker, chosen by the From address of each email. */
export interface MailTransport {
  forSender(from: string): SenderTransport;
  all(): SenderTransport[];
  close(): void;
}

export interface TransportHooks {
  /** Told of every login that worked or failed, for the credential health the dashboard shows. */
  onLogin?: (sender: SmtpSenderConfig['name'], outcome: { ok: true } | { ok: false; failure: AuthFailure }) => void;
}

/** A pooled SMTP transport: one connection carries many emails, so each send skips the server's greeting. */
function pooledTransport(sender: SmtpSenderConfig, tokens: TokenSources): Transporter {
  const login = sender.login;
  const options: SMTPPool.Options = {
    host: sender.host,
    port: sender.port,
    secure: sender.secure,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // A local relay or catcher on loopback often has no certificate for its name.
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(sender.host) },
  };
  if (login.kind === 'password') options.auth = { user: login.user, pass: login.pass };
  if (login.kind === 'oauth2') {
    const source = tokens.for(login.credentials);
    // nodemailer asks again (renew = true) when the server answers the token with a 334 challenge.
    options.auth = {
      type: 'OAuth2',
      user: login.user,
      provisionCallback: (user, renew, callback) => {
        source.token(user, { renew }).then(
          (token) => callback(null, token.accessToken, token.renewAt),
          (error: unknown) => callback(error as Error),
        );
      },
    } as SMTPPool.Options['auth'];
  }
  return nodemailer.createTransport(options).use('stream', holdUntilData);
}

/**
 * The connection pipes a message's stream only after the server's 354, so the stream a process function returns
 * (the hook DKIM signing uses) is first read at DATA: `beforeData` runs then, and only then is the message read.
 */
const holdUntilData: PluginFunction = (mail, done) => {
  const beforeData = (mail.data as StagedSend).beforeData;
  if (beforeData) mail.message.processFunc((input) => Readable.from(afterGate(input, beforeData), { objectMode: false }));
  done();
};

async function* afterGate(input: Readable, gate: BeforeData): AsyncGenerator<Buffer> {
  await gate();
  yield* input;
}

type StagedSend = SendMailOptions & { beforeData?: BeforeData };

function senderTransport(sender: SmtpSenderConfig, tokens: TokenSources, hooks: TransportHooks, authRetryMaxMs: number): SenderTransport {
  const transport = pooledTransport(sender, tokens);
  // Refused logins in a row: the wait before the queue tries this sender again grows with them.
  let refusals = 0;
  const report = (error: unknown) => {
    const failure = classifySmtpFailure(error);
    if (failure) hooks.onLogin?.(sender.name, { ok: false, failure });
    return failure;
  };
  const succeeded = () => {
    refusals = 0;
    if (sender.login.kind !== 'none') hooks.onLogin?.(sender.name, { ok: true });
  };
  /**
   * A refused login is the sender's fault, not the email's: instead of failing the job (and, after its attempts,
   * handing every email of a burst to staff), the queue waits with backoff until the login works again.
   */
  const waitForLogin = (failure: AuthFailure, cause: unknown) => {
    const retryAfterMs = backoffDelay(refusals, failure.permanent ? authRetryMaxMs : TEMPORARY_RETRY_MAX_MS, 1_000);
    refusals += 1;
    return new IntakeError('SMTP_LOGIN_FAILED', `The ${sender.name} sender could not log in (${failure.code}): ${failure.reason}`, { cause, retryAfterMs });
  };
  return {
    sender,
    async sendRaw(envelope, raw, beforeData) {
      const message: StagedSend = { envelope, raw, beforeData };
      try {
        await transport.sendMail(message);
      } catch (error) {
        const failure = report(error);
        if (!failure) throw error;
        // A login refused before MAIL FROM sent nothing: with OAuth2, renew the token and try once more.
        if (failure.stage !== 'smtp' || sender.login.kind !== 'oauth2') throw waitForLogin(failure, error);
        await tokens
          .for(sender.login.credentials)
          .token(sender.login.user, { renew: true })
          .catch(() => undefined);
        try {
          await transport.sendMail(message);
        } catch (retryError) {
          const retryFailure = report(retryError);
          throw retryFailure ? waitForLogin(retryFailure, retryError) : retryError;
        }
      }
      succeeded();
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        report(error);
        throw error;
      }
      succeeded();
    },
    close: () => transport.close(),
  };
}

/** A transport per sender; both share the token cache, so one application's token serves both. */
export function createMailTransport(
  senders: { onboarding: SmtpSenderConfig; activation: SmtpSenderConfig },
  tokens: TokenSources,
  options: { hooks?: TransportHooks; authRetryMaxMs: number },
): MailTransport {
  const hooks = options.hooks ?? {};
  const onboarding = senderTransport(senders.onboarding, tokens, hooks, options.authRetryMaxMs);
  const activation = senderTransport(senders.activation, tokens, hooks, options.authRetryMaxMs);
  const byAddress = new Map([
    [senders.activation.from.toLowerCase(), activation],
    [senders.onboarding.from.toLowerCase(), onboarding],
  ]);
  return {
    forSender: (from) => byAddress.get(from.toLowerCase()) ?? onboarding,
    all: () => [onboarding, activation],
    close() {
      onboarding.close();
      activation.close();
    },
  };
}
