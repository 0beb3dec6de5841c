// A seeded pseudo-random generator for the demo data: the same seed gives the same sequence on every machine,
// so two fresh starts build the same demo. mulberry32 (Tommy Ettinger's 32-bit mixer): tiny, fast, and good
// enough to pick names and statuses; not for anything secret.

export type Rng = ReturnType<typeof createRng>

export function createRng(seed: number) {
  let state = seed >>> 0
  /** A float in [0, 1). */
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  /** An integer in [min, max]. */
  function int(min: number, max: number): number {
    return min + Math.floor(next() * (max - min + 1))
  }
  /** True with probability p. */
  function chance(p: number): boolean {
    return next() < p
  }
  function pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(next() * items.length)]!
  }
  /** One of the keys, each as likely as its weight. */
  function weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    return weightedPick(Object.entries(weights) as Array<[K, number]>)
  }
  /** One of the items, each as likely as its weight. */
  function weightedPick<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = next() * total
    for (const [item, weight] of items) {
      roll -= weight
      if (roll < 0) return item
    }
    return items[items.length - 1]![0]
  }
  /** A new array in random order (Fisher–Yates). */
  function shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }
  /** `count` distinct items (all of them when there are fewer). */
  function sample<T>(items: readonly T[], count: number): T[] {
    return shuffle(items).slice(0, count)
  }
  /** A child generator: a part of the plan can draw more or fewer numbers without shifting the others. */
  function fork(label: string): Rng {
    let hash = state ^ 0x9e3779b9
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193)
    return createRng(hash >>> 0)
  }
  return { next, int, chance, pick, weighted, weightedPick, shuffle, sample, fork }
}
