// The seeded random numbers of LNN Lab (spec §2: "every random draw derives from `seed`").
// Generator: xoshiro128** (Blackman & Vigna 2018), its 128-bit state filled by splitmix32 from the
// seed. Streams are derived by name (rng.fork('autoencoder')), so adding a draw to one stream never
// changes another. Uniforms carry 53 bits; normals use the Box–Muller transform.
// Reproducible within LNN Lab only (spec §2): other tools draw other numbers.

export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1), 53 bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** An independent stream derived from this stream's seed and `name` (not from its position). */
  fork(name: string): Rng;
}

/** FNV-1a over the UTF-16 code units of a name. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: a well-mixed sequence used only to fill the xoshiro state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The 64-bit key of a stream: two 32-bit words. Any integer seed, negative or beyond 2³², maps in. */
type Key = readonly [number, number];

function keyOfSeed(seed: number): Key {
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const lo = s >>> 0; // two's complement low word (also for negative seeds)
  const hi = Math.floor(s / 4294967296) >>> 0;
  return [lo, hi];
}

function childKey(key: Key, name: string): Key {
  const mix = splitmix32(key[0] ^ Math.imul(hashName(name), 0x9e3779b1));
  const a = mix() ^ key[1];
  const b = mix() ^ hashName(name);
  return [a >>> 0, b >>> 0];
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(private readonly key: Key) {
    const sm = splitmix32(key[0] ^ Math.imul(key[1], 0x27d4eb2d));
    this.s0 = sm() ^ key[1];
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is fixed
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    // Box–Muller: 1 − u ∈ (0, 1] keeps the log finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  fork(name: string): Rng {
    return new Xoshiro128(childKey(this.key, name));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The root stream of an experiment's `seed` (spec §2). */
export function createRng(seed: number): Rng {
  return new Xoshiro128(keyOfSeed(seed));
}
