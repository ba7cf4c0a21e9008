/**
 * Compiles uploaded BPMN and DMN off the API's event loop (issue 13). Compiling is synchronous CPU
 * work — a file of 8,000 tasks held every other request for seconds, one of 120,000 for minutes —
 * so it runs in worker threads, each with a time limit and a heap limit; a thread that overruns
 * either is terminated and the caller gets an error in the API's shape, never a hung request.
 *
 * A few threads are kept warm rather than started per request: a thread takes about a second to
 * load the compiler, and the process editor checks the model 600 ms after every edit. At most
 * `threads` compiles run at once (by default one on a 2-core machine, so the event loop keeps a
 * core), at most `queueLength` wait, and a request beyond that is told to come back (503 +
 * Retry-After): a flood of compiles cannot take the machine. Idle threads end after a while.
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HttpError, RetryLater } from '../../plugins/errors';
import type { CompileJob, CompileJobResult, ThreadMessage } from './jobs';

export interface CompileLimits {
  /** Wall time one compile may take in its thread (COMPILE_TIME_LIMIT_MS). */
  timeLimitMs: number;
  /** The heap of a compile thread, resourceLimits.maxOldGenerationSizeMb (COMPILE_MEMORY_LIMIT_MB). */
  memoryLimitMb: number;
  /** Compiles running at once, one thread each (COMPILE_THREADS). */
  threads: number;
  /** Compiles waiting for a thread before requests are refused with 503 (COMPILE_QUEUE_LENGTH). */
  queueLength: number;
}

export const DEFAULT_COMPILE_LIMITS: CompileLimits = {
  timeLimitMs: 20_000,
  memoryLimitMb: 512,
  threads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
  queueLength: 8,
};

/** A thread that has not loaded the compiler by then is broken (a cold start takes about a second). */
const STARTUP_LIMIT_MS = 60_000;
/** Idle threads are ended after this long; the next compile starts a new one. */
const IDLE_MS = 5 * 60_000;

export class CompileTimedOut extends HttpError {
  constructor(limitMs: number) {
    super(422, 'compile_timeout', `compiling the file took longer than the limit of ${limitMs} ms and was stopped; the model is too large or too complex`);
  }
}

export class CompileOutOfMemory extends HttpError {
  constructor(limitMb: number) {
    super(413, 'compile_out_of_memory', `compiling the file needed more than the limit of ${limitMb} MB of memory and was stopped; the model is too large`);
  }
}

export class CompileBusy extends RetryLater {
  constructor(retryAfterSeconds: number) {
    super(503, 'compile_busy', `too many models are being compiled; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

// Plain JavaScript, so the thread starts the same under tsx, jest or plain node: it registers tsx's
// require hook itself, then loads the TypeScript thread body.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.tsxApi).register();
require(workerData.entry);
`;
const THREAD_ENTRY = path.join(__dirname, 'compile-worker.ts');

type Settle = { resolve(result: unknown): void; reject(err: Error): void };

/** One worker thread with the compiler loaded, serving one job at a time. */
class CompileThread {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private started?: Settle;
  private job?: Settle & { id: number };
  private ended = false;
  private readonly startupTimer: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly limits: CompileLimits, private readonly onEnd: (thread: CompileThread) => void) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      execArgv: [],
      workerData: { tsxApi: require.resolve('tsx/cjs/api'), entry: THREAD_ENTRY },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryLimitMb },
    });
    this.worker.unref(); // an idle thread must not keep the server (or a test run) alive
    this.ready = new Promise((resolve, reject) => (this.started = { resolve: () => resolve(), reject }));
    this.ready.catch(() => {}); // reported to the job waiting for this thread
    this.startupTimer = setTimeout(() => this.end(new Error(`the compile thread did not start within ${STARTUP_LIMIT_MS} ms`)), STARTUP_LIMIT_MS);
    this.worker.on('message', (message: ThreadMessage) => this.receive(message));
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.end(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new CompileOutOfMemory(limits.memoryLimitMb) : err);
    });
    this.worker.on('exit', (code) => this.end(new Error(`the compile thread stopped (exit code ${code})`)));
  }

  get alive(): boolean {
    return !this.ended;
  }

  async compile<J extends CompileJob>(id: number, job: J): Promise<CompileJobResult<J>> {
    clearTimeout(this.idleTimer);
    await this.ready;
    const answer = new Promise<CompileJobResult<J>>((resolve, reject) => {
      this.job = { id, resolve: resolve as (result: unknown) => void, reject };
    });
    const timer = setTimeout(() => this.end(new CompileTimedOut(this.limits.timeLimitMs)), this.limits.timeLimitMs);
    try {
      this.worker.postMessage({ id, ...job });
      return await answer;
    } finally {
      clearTimeout(timer);
      if (this.alive) this.idleTimer = setTimeout(() => this.end(new Error('idle')), IDLE_MS).unref();
    }
  }

  /** Terminates the thread; whoever waits for it gets `reason`. */
  end(reason: Error): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.startupTimer);
    clearTimeout(this.idleTimer);
    this.started?.reject(reason);
    this.job?.reject(reason);
    this.job = undefined;
    void this.worker.terminate();
    this.onEnd(this);
  }

  private receive(message: ThreadMessage): void {
    if ('ready' in message) {
      clearTimeout(this.startupTimer);
      this.started?.resolve(undefined);
      return;
    }
    const job = this.job;
    if (job?.id !== message.id) return;
    this.job = undefined;
    job.resolve(message.result);
  }
}

interface Waiting {
  job: CompileJob;
  resolve(result: unknown): void;
  reject(err: Error): void;
}

export class CompilePool {
  private readonly idle: CompileThread[] = [];
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private nextId = 1;
  private closed = false;

  constructor(readonly limits: CompileLimits = DEFAULT_COMPILE_LIMITS) {}

  /** Compiles in a thread; rejects with CompileTimedOut, CompileOutOfMemory or CompileBusy. */
  compile<J extends CompileJob>(job: J): Promise<CompileJobResult<J>> {
    if (this.closed) return Promise.reject(new Error('the compile pool is closed'));
    if (this.running < this.limits.threads) return this.run(job);
    if (this.waiting.length >= this.limits.queueLength) {
      return Promise.reject(new CompileBusy(Math.max(1, Math.ceil(this.limits.timeLimitMs / 1000))));
    }
    return new Promise((resolve, reject) => this.waiting.push({ job, resolve: resolve as (result: unknown) => void, reject }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.waiting.splice(0)) waiting.reject(new Error('the compile pool is closed'));
    for (const thread of this.idle.splice(0)) thread.end(new Error('closed'));
  }

  private async run<J extends CompileJob>(job: J): Promise<CompileJobResult<J>> {
    this.running++;
    const thread = this.idle.pop() ?? new CompileThread(this.limits, (ended) => this.forget(ended));
    try {
      return await thread.compile(this.nextId++, job);
    } finally {
      this.running--;
      if (thread.alive && !this.closed) this.idle.push(thread);
      else if (thread.alive) thread.end(new Error('closed'));
      this.startNext();
    }
  }

  private startNext(): void {
    const next = this.waiting.shift();
    if (next) this.run(next.job).then(next.resolve, next.reject);
  }

  private forget(thread: CompileThread): void {
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
  }
}
