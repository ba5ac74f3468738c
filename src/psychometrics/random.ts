/**
 * A small seeded pseudo-random generator, so every simulation, exposure-control draw and test is
 * reproducible. mulberry32 (Tommy Ettinger, public domain): 32 bits of state, period 2^32, passes
 * gjrand/PractRand to moderate sizes — enough for simulation studies and item selection, not crypto.
 * The state is a plain uint32 so a CAT session can store it as JSON.
 */
export class Rng {
  /** The whole generator state (a uint32); `new Rng(rng.state)` continues the same stream. */
  state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal draw by the Box–Muller transform (the second value of each pair is kept). */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}
