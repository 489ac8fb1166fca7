// Uplift of a popup against the holdout group: the difference of two
// conversion rates with a 95 % interval.
//
// The interval is Newcombe's hybrid score interval (method 10 in Newcombe
// 1998, "Interval estimation for the difference between independent
// proportions", Statistics in Medicine 17:873-890), built from the Wilson
// score intervals of both rates. Unlike the textbook Wald interval it stays
// inside [-1, 1] and is usable for small groups and rates near 0 or 1, which
// is what a shop's first weeks of popup data look like.

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval of `x` successes in `n` trials; null when n is 0. */
export function wilson(x, n, z = Z95) {
  if (!(n > 0) || !(x >= 0) || x > n) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = 2 * n * p + z2;
  const spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  const denom = 2 * (n + z2);
  return { p, lower: Math.max(0, (centre - spread) / denom), upper: Math.min(1, (centre + spread) / denom) };
}

/**
 * Difference p1 - p2 of two proportions (x1 of n1 against x2 of n2) with
 * Newcombe's 95 % interval. Null when either group is empty.
 *
 * `significant` says whether the interval excludes zero.
 */
export function uplift(x1, n1, x2, n2, z = Z95) {
  const a = wilson(x1, n1, z);
  const b = wilson(x2, n2, z);
  if (!a || !b) return null;
  const d = a.p - b.p;
  const lower = d - Math.sqrt((a.p - a.lower) ** 2 + (b.upper - b.p) ** 2);
  const upper = d + Math.sqrt((a.upper - a.p) ** 2 + (b.p - b.lower) ** 2);
  return {
    treated: a.p,
    control: b.p,
    difference: d,
    lower,
    upper,
    significant: lower > 0 || upper < 0,
  };
}
