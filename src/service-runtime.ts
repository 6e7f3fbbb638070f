/**
 * How a service process is started in production: the compiled JavaScript (no TypeScript loader in memory)
 * under a V8 heap limit. The limit makes V8 collect garbage before the heap grows: in the 1,000-form burst the
 * worker's live heap stayed near 45 MB while, without a limit, V8 let it reach 190 MB on a 24 GB machine.
 * npm start, the Dockerfile, the bench and the tests all start services this way (a unit test checks).
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=256'] as const;
export const SERVICE_ENTRY = 'dist/services/main.js';
