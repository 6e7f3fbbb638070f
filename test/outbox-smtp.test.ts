import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { startOutboxSmtp } from '../src/local-servers/outbox-smtp.js';

describe('the local outbox SMTP listener', () => {
  it('keeps accepting email after a sender dies mid-session (connection reset)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const received: string[] = [];
    const outbox = await startOutboxSmtp({ dir, onMessage: (message) => received.push(message.envelope.to.join(',')) });
    try {
      const socket = connect(outbox.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('data', resolve));
      for (const command of ['EHLO killed.example', 'MAIL FROM:<a@b.example>', 'RCPT TO:<c@d.example>', 'DATA']) {
        socket.write(`${command}\r\n`);
        await new Promise((resolve) => socket.once('data', resolve));
      }
      socket.write('Subject: cut short\r\n\r\nhalf an email');
      socket.resetAndDestroy(); // what the server sees when a worker is SIGKILLed: a TCP reset
      await new Promise((resolve) => setTimeout(resolve, 100));
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: outbox.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'a@b.example', to: 'after@reset.example', subject: 'still there', text: 'x' });
      expect(received).toEqual(['after@reset.example']);
    } finally {
      await outbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
