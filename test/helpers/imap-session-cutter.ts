import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '../../src/local-servers/free-port.js';

/**
 * A TCP relay in front of a real IMAP server that can end every session the way Exchange Online does when a
 * token expires: an untagged `* BYE Session invalidated - AccessTokenExpired`, then the connection closes.
 */
export interface ImapSessionCutter {
  port: number;
  /** Sessions relayed so far (each reconnect is one more). */
  sessions(): number;
  /** Ends every open session with this BYE text. */
  cutAll(byeText: string): number;
  stop(): Promise<void>;
}

export async function startImapSessionCutter(target: { host: string; port: number }): Promise<ImapSessionCutter> {
  const port = await freePort();
  const open = new Set<{ client: Socket; server: Socket }>();
  let count = 0;
  const relay: Server = createServer((client) => {
    count += 1;
    const server = connect(target.port, target.host);
    const pair = { client, server };
    open.add(pair);
    client.pipe(server);
    server.pipe(client);
    const end = () => {
      open.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  return {
    port,
    sessions: () => count,
    cutAll(byeText) {
      const pairs = [...open];
      for (const { client, server } of pairs) {
        // Stop relaying the server first, so the BYE is the last thing the client reads.
        server.unpipe(client);
        server.destroy();
        client.end(`* BYE ${byeText}\r\n`);
      }
      return pairs.length;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const { client, server } of open) {
          client.destroy();
          server.destroy();
        }
        relay.close(() => resolve());
      }),
  };
}
