//! Order ids and customer keys, the hot path of reading a large export:
//! every order looks up its id (to count repeats once) and its customer's
//! key (to get the customer's index).

use std::borrow::Cow;
use std::collections::HashMap;

/// A fast hasher for order ids and customer keys (the multiply-rotate
/// scheme of rustc's FxHash). The data is the shop's own, so the hash
/// flooding protection of the default hasher buys nothing here, and it
/// costs a third of the import time of large exports.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        // A multiply carries bits only upwards, and the table picks buckets
        // by the low bits: bring the well-mixed high bits down, or keys
        // that differ only in their last bytes crowd into a few buckets.
        self.0.rotate_left(26)
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// The row of each order id kept so far (a repeated id is reported with
/// its first row). Most shops number their orders and export them
/// sorted: numeric ids that keep rising (or keep falling) cannot repeat,
/// so they are only listed, and found by binary search, until the first
/// id breaks the run; then they go into a map. Numbers also make the map
/// smaller than one of strings.
#[derive(Default)]
pub(crate) struct IdRows<'a> {
    run: Vec<(u64, usize)>,
    rising: Option<bool>,
    numeric: Option<FastMap<u64, usize>>,
    other: FastMap<Cow<'a, str>, usize>,
}

impl<'a> IdRows<'a> {
    /// The row of `id`, if it was added.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let Some(n) = canonical_number(id) else {
            return self.other.get(id).copied();
        };
        if let Some(map) = &self.numeric {
            return map.get(&n).copied();
        }
        let &(last, _) = self.run.last()?;
        if self.extends(n, last) {
            return None;
        }
        let found = if self.rising == Some(false) {
            self.run.binary_search_by(|&(m, _)| n.cmp(&m))
        } else {
            self.run.binary_search_by(|&(m, _)| m.cmp(&n))
        };
        found
            .ok()
            .and_then(|i| self.run.get(i))
            .map(|&(_, row)| row)
    }

    /// Makes room for about `n` ids.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.run.reserve(n);
    }

    /// Adds an id that [`IdRows::get`] did not find; `own` gives the id to
    /// keep, called only for an id that is not a number (numbers are kept
    /// as numbers).
    pub(crate) fn insert_with(&mut self, id: &str, row: usize, own: impl FnOnce() -> Cow<'a, str>) {
        match canonical_number(id) {
            Some(n) => self.insert_number(n, row),
            None => {
                self.other.insert(own(), row);
            }
        }
    }

    fn insert_number(&mut self, n: u64, row: usize) {
        if let Some(map) = &mut self.numeric {
            map.insert(n, row);
            return;
        }
        match self.run.last() {
            None => self.run.push((n, row)),
            Some(&(last, _)) if self.extends(n, last) => {
                self.rising = Some(n > last);
                self.run.push((n, row));
            }
            Some(_) => {
                let mut map = FastMap::default();
                map.reserve(self.run.len().max(self.run.capacity() / 2) + 1);
                map.extend(self.run.drain(..));
                map.insert(n, row);
                self.run = Vec::new();
                self.numeric = Some(map);
            }
        }
    }

    /// Whether `n` goes on the run that ends with `last`.
    fn extends(&self, n: u64, last: u64) -> bool {
        n != last && self.rising.is_none_or(|r| r == (n > last))
    }
}

/// Customer index by key. Short keys (customer numbers, many e-mail
/// addresses) are stored in the table's own slots, so that finding a
/// customer compares bytes already at hand instead of following a pointer
/// to a string elsewhere in memory: with a hundred thousand customers that
/// is a cache miss per order saved.
#[derive(Default)]
pub(super) struct CustomerIds {
    short: FastMap<ShortKey, u32>,
    long: FastMap<Box<str>, u32>,
}

/// Up to 23 bytes of a key and, in the top byte, its length, as three
/// words (compared as numbers, not byte by byte).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortKey(u64, u64, u64);

impl CustomerIds {
    /// The index of `key`; a new key gets `next`.
    pub(super) fn index(&mut self, key: &str, next: u32) -> u32 {
        let b = key.as_bytes();
        if b.len() > 23 {
            return match self.long.get(key) {
                Some(&c) => c,
                None => *self.long.entry(key.into()).or_insert(next),
            };
        }
        let mut words = [0u64; 3];
        for (i, &byte) in b.iter().enumerate() {
            words[i / 8] |= u64::from(byte) << (8 * (i % 8));
        }
        words[2] |= (b.len() as u64) << 56;
        let [a, b, c] = words;
        *self.short.entry(ShortKey(a, b, c)).or_insert(next)
    }
}

/// The id as a number if it is written the one way that number is
/// ("7", not "07" or "+7"), so that different texts never meet.
fn canonical_number(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    if b.is_empty() || b.len() > 19 || (b[0] == b'0' && b.len() > 1) {
        return None;
    }
    b.iter().try_fold(0u64, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::Order;
    use crate::segments::OrderTable;

    #[test]
    fn id_rows_are_found_in_rising_falling_and_mixed_runs() {
        for ids in [
            &[1u64, 2, 3, 10][..],
            &[10, 3, 2, 1],
            &[5, 4, 6, 5, 4, 7],
            &[1, 3, 2, 3, 1],
            &[7, 7, 7],
            &[1, 2, 9, 4, 2, 9, 11],
        ] {
            let mut rows = IdRows::default();
            let mut reference = HashMap::new();
            for (row, n) in ids.iter().enumerate() {
                let id = n.to_string();
                assert_eq!(rows.get(&id), reference.get(n).copied(), "{ids:?} at {row}");
                if rows.get(&id).is_none() {
                    rows.insert_with(&id, row, || Cow::Owned(id.clone()));
                    reference.insert(*n, row);
                }
            }
            for n in 0..15 {
                assert_eq!(rows.get(&n.to_string()), reference.get(&n).copied());
            }
        }
        let mut rows = IdRows::default();
        rows.insert_with("7", 1, || Cow::Borrowed("7"));
        rows.insert_with("07", 2, || Cow::Borrowed("07"));
        assert_eq!(
            (rows.get("7"), rows.get("07"), rows.get("A")),
            (Some(1), Some(2), None)
        );
    }

    #[test]
    fn customer_keys_short_and_long_get_one_index_each() {
        let mut ids = CustomerIds::default();
        let keys = [
            "a",
            "a\0",
            "",
            "12345678901234567890123",
            "123456789012345678901234",
            "jürgen.groß@example.com.de",
        ];
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(ids.index(k, i as u32), i as u32, "{k:?}");
        }
        for (i, k) in keys.iter().enumerate().rev() {
            assert_eq!(ids.index(k, 99), i as u32, "{k:?}");
        }
    }

    #[test]
    fn repeated_ids_count_once_and_numbers_written_differently_are_other_ids() {
        let ids = [
            "7",
            "07",
            "7",
            "A-7",
            "A-7",
            "18446744073709551615",
            "9999999999999999999",
            "9999999999999999999",
        ];
        let orders: Vec<Order> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| Order::new(id, "anna", i as i64, 100, "EUR"))
            .collect();
        let t = OrderTable::from_orders(&orders);
        assert_eq!(t.report().duplicates, 3);
        assert_eq!(t.len(), 5);
        assert_eq!(canonical_number("0"), Some(0));
        assert_eq!(
            canonical_number("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        for other in ["", "07", "+7", "7 ", "1e3", "18446744073709551615"] {
            assert_eq!(canonical_number(other), None, "{other:?}");
        }
    }
}
