/** What every in-memory use case takes besides its input: a progress callback and a cancellation signal. */
export interface UseCaseOptions {
  /** Called now and then with the fraction done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Aborting it stops the use case at its next check with the signal's reason. */
  signal?: AbortSignal;
  /** Names the scenario in error messages (a file's name; default `scenario`). */
  source?: string;
}

export function checkAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
