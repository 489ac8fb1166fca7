//! Holdout assignment: a stable, uniform bucket per visitor id.
//!
//! The id is random (made once per visitor by the loader), so hashing it
//! gives every visitor the same group on every page and in every session
//! without storing the group itself. Shares are nested: a visitor in the
//! holdout at share 0.1 is also in it at share 0.2.

/// The visitor's bucket in [0, 1): FNV-1a over the id's bytes, then the
/// SplitMix64 finaliser so that similar ids spread evenly.
///
/// ```
/// use stammkunde::popup::holdout::bucket;
/// let b = bucket("3f9c2a7e51d04b88");
/// assert!((0.0..1.0).contains(&b));
/// assert_eq!(b, bucket("3f9c2a7e51d04b88"));
/// ```
pub fn bucket(visitor_id: &str) -> f64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in visitor_id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    // The top 53 bits fill an f64 mantissa exactly.
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether the visitor belongs to the control group of size `share`
/// (0 to 1; out-of-range and NaN shares count as 0 or 1).
///
/// ```
/// use stammkunde::popup::in_holdout;
/// assert!(!in_holdout("any-id", 0.0));
/// assert!(in_holdout("any-id", 1.0));
/// ```
pub fn in_holdout(visitor_id: &str, share: f64) -> bool {
    let share = if share.is_nan() { 0.0 } else { share };
    bucket(visitor_id) < share
}
