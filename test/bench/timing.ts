/** Small timing helpers shared by the benchmarks. */

export interface Timing {
  ops: number
  perSecond: number
  /** Median microseconds per operation over the samples. */
  medianMicros: number
}

/**
 * Time `fn`: warm up, then take `samples` batches of `batch` calls and report the median batch.
 */
export async function measure(
  fn: () => unknown | Promise<unknown>,
  { batch = 200, samples = 15, warmup = 200 } = {},
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn()
  const perOp: number[] = []
  for (let s = 0; s < samples; s++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < batch; i++) await fn()
    perOp.push(Number(process.hrtime.bigint() - start) / 1000 / batch)
  }
  perOp.sort((a, b) => a - b)
  const medianMicros = perOp[Math.floor(perOp.length / 2)]!
  return { ops: batch * samples, perSecond: 1e6 / medianMicros, medianMicros }
}

export function report(label: string, t: Timing): void {
  console.log(
    `${label.padEnd(58)} ${t.perSecond.toFixed(0).padStart(9)} ops/s  median ${t.medianMicros.toFixed(2)} µs`,
  )
}
