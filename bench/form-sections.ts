// The form reader's own bench (bench/form-parse.ts) measures parse-and-validate; npm run bench reuses it.
export { runFormBench } from './form-parse.js';
export { stopFormWorkers as stopBenchFormWorkers } from '../src/form/index.js';
