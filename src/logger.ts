import { pino, stdSerializers, type Logger } from 'pino';
import { scrubPersonalData } from './personal-data.js';

export type { Logger };

/** Keys that may carry names, addresses or numbers of the people on a form: never written to logs. */
const PERSONAL_KEYS = [
  'email',
  'emails',
  'from',
  'to',
  'cc',
  'bcc',
  'replyTo',
  'sender',
  'recipient',
  'recipients',
  'name',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'mobile',
  'address',
  'subject',
  'user',
  'pass',
];

const redactPaths = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Where to write; a test passes a stream to read the lines back. */
  destination?: NodeJS.WritableStream;
}

function serializeError(error: unknown) {
  const serialized = stdSerializers.err(error as Error);
  if (!serialized) return serialized;
  return {
    ...serialized,
    message: scrubPersonalData(serialized.message ?? ''),
    stack: scrubPersonalData(serialized.stack ?? ''),
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino(base);
}
