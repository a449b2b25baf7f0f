/** The server's API (docs/api.md): Bearer token kept for the tab, problem+json errors as field messages. */

const KEY = 'coastwatch.token';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export function token(): string | null {
  return sessionStorage.getItem(KEY);
}
export function setToken(t: string | null): void {
  if (t) sessionStorage.setItem(KEY, t);
  else sessionStorage.removeItem(KEY);
}

/** Called on 401 so the page can ask for a token again. */
export let onUnauthorized: () => void = () => {};
export function setOnUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = token();
  return { ...(t ? { authorization: `Bearer ${t}` } : {}), ...extra };
}

async function fail(res: Response): Promise<never> {
  let detail = `${res.status} ${res.statusText}`;
  let errors: FieldError[] = [];
  try {
    const p = (await res.json()) as { title?: string; detail?: string; errors?: FieldError[] };
    detail = p.detail ?? p.title ?? detail;
    errors = p.errors ?? [];
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 401) onUnauthorized();
  throw new ApiError(res.status, detail, errors);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`api${path}`, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) return fail(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Raw upload (a track file) with its name in the query, as the audit route takes it. */
export async function upload<T>(path: string, data: Blob): Promise<T> {
  const res = await fetch(`api${path}`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/octet-stream' }),
    body: data,
  });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

/** Checks a token against a GET that needs one. */
export async function checkToken(t: string): Promise<boolean> {
  const res = await fetch('api/scenarios', { headers: { authorization: `Bearer ${t}` } });
  return res.ok;
}

export interface Job {
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  result?: { kind: string; id: string };
  error?: string | { message?: string; detail?: string };
}

function jobError(j: Job): string {
  if (!j.error) return 'the job failed';
  return typeof j.error === 'string' ? j.error : (j.error.detail ?? j.error.message ?? 'the job failed');
}

/**
 * Follows a job to its end: server-sent events read through fetch (EventSource cannot send the Bearer header),
 * falling back to polling the job when the stream ends early or is not offered.
 */
export async function followJob(id: string, onProgress: (p: number, state: string) => void): Promise<Job> {
  const done = (j: Job) => j.state === 'done' || j.state === 'failed';
  try {
    const res = await fetch(`api/jobs/${encodeURIComponent(id)}/events`, {
      headers: headers({ accept: 'text/event-stream' }),
    });
    if (res.ok && res.body) {
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buf += value;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (data) {
            try {
              const j = JSON.parse(data) as Job;
              if (typeof j.progress === 'number') onProgress(j.progress, j.state);
              if (done(j)) {
                await reader.cancel();
                if (j.state === 'failed') throw new ApiError(422, jobError(j));
                return j;
              }
            } catch (e) {
              if (e instanceof ApiError) throw e;
            }
          }
          i = buf.indexOf('\n\n');
        }
      }
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
  }
  for (;;) {
    const j = await api<Job>('GET', `/jobs/${encodeURIComponent(id)}`);
    onProgress(j.progress ?? 0, j.state);
    if (j.state === 'failed') throw new ApiError(422, jobError(j));
    if (j.state === 'done') return j;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** Fetches an export with the token and hands it to the browser as a download. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(`api${path}`, { headers: headers() });
  if (!res.ok) return fail(res);
  const cd = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(cd)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
