/** One autocannon run at a fixed request rate, summarised, with the API process's memory sampled each second. */
import autocannon from 'autocannon';
import { residentMb } from './stack';

export interface Shot {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Requests per second over all connections; undefined: as fast as the connections go. */
  rate?: number;
  seconds: number;
  connections: number;
}

export interface ShotResult {
  targetRate: number | null;
  connections: number;
  achievedRate: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok2xx: number;
  status429: number;
  otherNon2xx: number;
  errors: number;
  timeouts: number;
  /** Resident memory of the API process, MB, one sample a second. */
  memoryMb: number[];
}

export async function fire(shot: Shot, apiPid: number): Promise<ShotResult> {
  const memoryMb: number[] = [];
  const sampler = setInterval(() => memoryMb.push(residentMb(apiPid)), 1_000);
  const statuses = new Map<number, number>();
  try {
    const instance = autocannon({
      url: shot.url,
      method: shot.method ?? 'GET',
      headers: shot.headers,
      body: shot.body,
      connections: shot.connections,
      duration: shot.seconds,
      // autocannon corrects for coordinated omission with an expected interval of ceil(1 / rate) in
      // milliseconds (rate per second per connection: 1 ms at any rate), so a 10 ms answer is
      // recorded with nine made-up ones beside it. The served rate is reported and checked instead.
      ...(shot.rate ? { overallRate: shot.rate, ignoreCoordinatedOmission: true } : {}),
      timeout: 10,
    }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
    instance.on('response', (_client: unknown, statusCode: number) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
    const result = await instance;
    const count = (test: (code: number) => boolean) => [...statuses].filter(([code]) => test(code)).reduce((sum, [, n]) => sum + n, 0);
    return {
      targetRate: shot.rate ?? null,
      connections: shot.connections,
      achievedRate: Math.round(result.requests.total / shot.seconds),
      requests: result.requests.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      ok2xx: count((c) => c >= 200 && c < 300),
      status429: count((c) => c === 429),
      otherNon2xx: count((c) => (c < 200 || c >= 300) && c !== 429),
      errors: result.errors,
      timeouts: result.timeouts,
      memoryMb,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** A multipart/form-data body with one file field, as a browser sends an upload. */
export function multipartFile(field: string, filename: string, type: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----bench${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
