/**
 * Messages between the page and the example worker (example-worker.ts). The page sends the code;
 * the worker streams console output and ends with exactly one `done` or `error`.
 */
export interface RunRequest {
  /** The example's TypeScript, as shown (or as edited). */
  source: string
}

export type RunMessage =
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done' }
  | {
      type: 'error'
      /** `syntax`: the code did not compile; `runtime`: it threw or rejected. */
      kind: 'syntax' | 'runtime'
      message: string
      /** 1-based line in the example's source, when known. */
      line?: number
      column?: number
    }

/** More lines than this and the worker stops sending output (a runaway loop must not flood the page). */
export const MAX_OUTPUT_LINES = 2000
