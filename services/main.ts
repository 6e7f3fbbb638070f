import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Starting compiles every module of the service; V8's on-disk cache keeps the result, so a process restarted after a
// crash (or a second one on the same host) is ready about a second sooner. Static imports would load the service
// before this line runs, hence the dynamic import. NODE_COMPILE_CACHE, when set, names the cache's folder.
enableCompileCache(process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'onboarding-intake-compile-cache'));
await import('./start.js');
