/**
 * How a service process is started in production: the compiled JavaScript (no TypeScript loader in memory)
 * under a V8 heap limit. The limit makes V8 collect garbage before the heap grows: in the 1,000-form burst the
 * worker's live heap stayed near 45 MB while, without a limit, V8 let it reach 190 MB on a 24 GB machine.
 * The young generation is held at the 16 MB semi-spaces Node 20 chose for this heap: Node 24 (V8 13.6) lets them
 * grow to 64 MB, which added about 100 MB of new space and of Buffers awaiting collection to the worker's peak in the
 * hostile-input test (new space 128 MB against 32 MB, same code) for no measurable gain to a process that waits on
 * Redis, IMAP and SMTP. npm start, the Dockerfile, the bench and the tests all start services this way (a unit test checks).
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=16'] as const;
export const SERVICE_ENTRY = 'dist/services/main.js';
