// Starts an import worker thread: the project runs TypeScript through tsx, and
// a worker thread needs tsx registered in it before it loads its .ts entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
