// A helper thread of a gemm team (bundled to dist/gemmTeamWorker.js): serves the blocks of rows
// of C its owner posts, on the owner's shared memory, until the team is disposed.
import { workerData } from 'node:worker_threads';
import { serveGemmTeam } from '../core/linalg/wasm/gemmTeam';
import type { GemmTeamWorkerData } from './gemmTeam';

const { module, memory, control, slot } = workerData as GemmTeamWorkerData;
serveGemmTeam(module, memory, control, slot);
