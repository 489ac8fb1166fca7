//! The order table: orders as columns (customer index, timestamp, net
//! total), the form every segment computation reads.
//!
//! Canonical [`Order`]s and raw columns (typed arrays from JavaScript, 1 M
//! rows and more) both end up here, so the segment code has one fast input.
//! Product and category names are interned once; line items become three
//! parallel columns (order row, product, category).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::orders::columnar::Columns;
use crate::orders::{trim, LineItem, Order, OrderStatus, RowError};

/// Marks "no category" in the item columns.
pub const NO_CATEGORY: u32 = u32::MAX;

pub use crate::classes::Product;

/// What happened to the input rows while building a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableReport {
    /// Rows (orders) offered.
    pub read: usize,
    /// Rows kept in the table.
    pub used: usize,
    /// Cancelled or fully refunded orders, left out by design.
    pub cancelled: usize,
    /// Repeated order ids, counted once.
    pub duplicates: usize,
    /// Rows that could not be used, each with row, field, reason and fix.
    pub errors: Vec<RowError>,
}

/// Orders as columns. Build with [`OrderTable::from_orders`] or
/// [`OrderTable::from_columns`].
///
/// ```
/// use stammkunde::orders::Order;
/// use stammkunde::segments::OrderTable;
/// let orders = vec![
///     Order::new("1", "anna", 1_700_000_000, 4_990, "EUR"),
///     Order::new("2", "ben", 1_700_086_400, 1_250, "EUR"),
///     Order::new("1", "anna", 1_700_000_000, 4_990, "EUR"), // repeated id
/// ];
/// let table = OrderTable::from_orders(&orders);
/// assert_eq!(table.len(), 2);
/// assert_eq!(table.customer_count(), 2);
/// assert_eq!(table.report().duplicates, 1);
/// assert_eq!(table.key(1), "ben");
/// ```
#[derive(Debug, Clone, Default)]
pub struct OrderTable {
    customer: Vec<u32>,
    placed_at: Vec<i64>,
    net: Vec<i64>,
    customers: u32,
    keys: Vec<String>,
    currency: Option<String>,
    item_order: Vec<u32>,
    item_product: Vec<u32>,
    item_category: Vec<u32>,
    products: Vec<Product>,
    categories: Vec<String>,
    report: TableReport,
}

/// Why raw columns could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnsError {
    /// What was wrong.
    pub reason: String,
    /// How to fix it.
    pub fix: String,
}

impl std::fmt::Display for ColumnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {}", self.reason, self.fix)
    }
}

impl std::error::Error for ColumnsError {}

impl OrderTable {
    /// Reads canonical orders. The currency of the first usable order is
    /// the table's currency; see [`OrderTable::from_orders_in`].
    pub fn from_orders(orders: &[Order]) -> OrderTable {
        OrderTable::from_orders_in(orders, None)
    }

    /// Reads canonical orders in one currency. Orders in another currency
    /// are rejected with a row error (convert them first: the order
    /// adapters take exchange rates). `None`: the first usable order's
    /// currency. Cancelled and fully refunded orders are left out, repeated
    /// order ids count once, partial refunds are subtracted.
    pub fn from_orders_in(orders: &[Order], currency: Option<&str>) -> OrderTable {
        let mut b = Builder::new(currency);
        b.reserve(orders.len());
        for (i, order) in orders.iter().enumerate() {
            b.push(
                i + 1,
                OrderRow {
                    id: Cow::Borrowed(&order.id),
                    customer: Cow::Borrowed(&order.customer),
                    placed_at: order.placed_at,
                    total: order.total,
                    status: order.status,
                    currency: &order.currency,
                    items: &order.items,
                },
            );
        }
        b.finish()
    }

    /// Reads raw columns: per order the customer's index, the time placed
    /// (Unix seconds) and the net total (minor units, cancellations and
    /// refunds already applied). All three must have the same length.
    ///
    /// `keys` names the customers (index `i` is `keys[i]`); if empty, the
    /// index itself is the key. Rows with a timestamp or total that is not
    /// a whole finite number, or a customer index without a key, are
    /// rejected with a row error; the other rows are used.
    ///
    /// ```
    /// use stammkunde::segments::OrderTable;
    /// let t = OrderTable::from_columns(&[0, 1, 0], &[1e9, 1e9, f64::NAN], &[500.0, 250.0, 100.0], Vec::new()).unwrap();
    /// assert_eq!((t.len(), t.customer_count()), (2, 2));
    /// assert_eq!(t.report().errors[0].row, Some(3));
    /// assert_eq!(t.key(1), "1");
    /// ```
    pub fn from_columns(
        customer: &[u32],
        placed_at: &[f64],
        net: &[f64],
        keys: Vec<String>,
    ) -> Result<OrderTable, ColumnsError> {
        OrderTable::from_columns_with_status(customer, placed_at, net, None, keys)
    }

    /// [`OrderTable::from_columns`] with a status code per order, as in the
    /// order import's columns: 0 completed, 1 cancelled, 2 refunded (both
    /// left out and counted as cancelled), 3 partially refunded (the net
    /// total already has the refund subtracted).
    ///
    /// ```
    /// use stammkunde::segments::OrderTable;
    /// let t = OrderTable::from_columns_with_status(&[0, 1], &[0.0, 0.0], &[500.0, 0.0], Some(&[0, 1]), Vec::new()).unwrap();
    /// assert_eq!((t.len(), t.report().cancelled, t.customer_count()), (1, 1, 1));
    /// ```
    pub fn from_columns_with_status(
        customer: &[u32],
        placed_at: &[f64],
        net: &[f64],
        status: Option<&[u8]>,
        keys: Vec<String>,
    ) -> Result<OrderTable, ColumnsError> {
        if status.is_some_and(|s| s.len() != customer.len()) {
            return Err(ColumnsError {
                reason: format!(
                    "the status column has {} entries for {} orders",
                    status.map_or(0, <[u8]>::len),
                    customer.len()
                ),
                fix: "pass one status code per order, or no status column".into(),
            });
        }
        if customer.len() != placed_at.len() || customer.len() != net.len() {
            return Err(ColumnsError {
                reason: format!(
                    "the columns differ in length: {} customers, {} timestamps, {} totals",
                    customer.len(),
                    placed_at.len(),
                    net.len()
                ),
                fix: "pass one customer index, one timestamp and one total per order".into(),
            });
        }
        let n = customer.len();
        let mut t = OrderTable {
            customer: Vec::with_capacity(n),
            placed_at: Vec::with_capacity(n),
            net: Vec::with_capacity(n),
            ..OrderTable::default()
        };
        t.report.read = n;
        let limit = if keys.is_empty() {
            u32::MAX
        } else {
            keys.len() as u32
        };
        // Whole numbers up to 2^53 are exact in f64.
        const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
        // The cast is exact for whole numbers in range; it avoids a libm call.
        let whole = |x: f64| x.abs() <= MAX_EXACT && (x as i64) as f64 == x;
        // 1970-01-01 .. 2200-01-01, as the order readers accept.
        let time = |x: f64| whole(x) && (0.0..LATEST as f64).contains(&x);
        let amount = |x: f64| whole(x) && x >= 0.0;
        let counts = |i: usize| !matches!(status.and_then(|s| s.get(i)), Some(1) | Some(2));
        let all_good = status.is_none()
            && customer.iter().all(|&c| c < limit)
            && placed_at.iter().all(|&x| time(x))
            && net.iter().all(|&x| amount(x));
        let mut max_customer = 0u32;
        if all_good {
            // The common case: straight conversions the compiler vectorises.
            max_customer = customer.iter().copied().max().unwrap_or(0);
            t.customer.extend_from_slice(customer);
            t.placed_at.extend(placed_at.iter().map(|&x| x as i64));
            t.net.extend(net.iter().map(|&x| x as i64));
        } else {
            for (i, ((&c, &ts), &total)) in customer.iter().zip(placed_at).zip(net).enumerate() {
                if !counts(i) {
                    t.report.cancelled += 1;
                    continue;
                }
                let problem = if c >= limit {
                    Some((
                        "customer",
                        format!("customer index {c} has no key ({} keys given)", keys.len()),
                        "pass a key for every customer index, or no keys at all",
                    ))
                } else if !whole(ts) {
                    Some((
                        "placedAt",
                        format!("{ts} is not a whole number of seconds"),
                        "pass Unix seconds (Date.getTime() / 1000, rounded)",
                    ))
                } else if !time(ts) {
                    Some((
                        "placedAt",
                        format!("{ts} is not a time between 1970 and 2199"),
                        "pass Unix seconds (Date.getTime() / 1000, rounded), not milliseconds",
                    ))
                } else if !whole(total) {
                    Some((
                        "total",
                        format!("{total} is not a whole number of minor units"),
                        "pass totals in cents as whole numbers, e.g. 4990 for 49,90 EUR",
                    ))
                } else if !amount(total) {
                    Some((
                        "total",
                        format!("the net total {total} is negative"),
                        "pass net totals of 0 or more; leave fully refunded orders out",
                    ))
                } else {
                    None
                };
                if let Some((field, reason, fix)) = problem {
                    t.report.errors.push(RowError {
                        row: Some(i + 1),
                        order_id: None,
                        field: field.into(),
                        reason,
                        fix: fix.into(),
                    });
                    continue;
                }
                max_customer = max_customer.max(c);
                t.customer.push(c);
                t.placed_at.push(ts as i64);
                t.net.push(total as i64);
            }
        }
        t.set_customers(keys, (!t.customer.is_empty()).then_some(max_customer));
        t.report.used = t.customer.len();
        Ok(t)
    }

    /// Reads the columns of the order import ([`Columns`], e.g. from
    /// `readColumns` or the demo data) without copying through floats:
    /// cancelled and refunded orders are left out, partial refunds are
    /// already subtracted in the net column. `keys` names the customer
    /// indices as in [`OrderTable::from_columns`].
    ///
    /// ```
    /// use stammkunde::orders::{columnar::Columns, Order, OrderStatus};
    /// use stammkunde::segments::OrderTable;
    /// let mut cancelled = Order::new("2", "b", 20, 500, "EUR");
    /// cancelled.status = OrderStatus::Cancelled;
    /// let (columns, keys) = Columns::from_orders(&[Order::new("1", "a", 10, 100, "EUR"), cancelled]);
    /// let t = OrderTable::from_order_columns(&columns, keys, Some("EUR"));
    /// assert_eq!((t.len(), t.report().cancelled, t.customer_count()), (1, 1, 2));
    /// ```
    pub fn from_order_columns(
        columns: &Columns,
        keys: Vec<String>,
        currency: Option<&str>,
    ) -> OrderTable {
        let n = columns.len();
        let mut t = OrderTable {
            currency: currency.map(|c| c.trim().to_ascii_uppercase()),
            ..OrderTable::default()
        };
        t.report.read = n;
        let limit = if keys.is_empty() {
            u32::MAX
        } else {
            keys.len() as u32
        };
        t.customer.reserve(n);
        t.placed_at.reserve(n);
        t.net.reserve(n);
        let mut max_customer = None;
        for i in 0..n {
            let (Some(&c), Some(&ts), Some(&net)) = (
                columns.customer.get(i),
                columns.placed_at.get(i),
                columns.net.get(i),
            ) else {
                break;
            };
            if !columns.counts(i) {
                t.report.cancelled += 1;
                continue;
            }
            if c >= limit {
                t.report.errors.push(RowError {
                    row: Some(i + 1),
                    order_id: None,
                    field: "customer".into(),
                    reason: format!("customer index {c} has no key ({} keys given)", keys.len()),
                    fix: "pass a key for every customer index, or no keys at all".into(),
                });
                continue;
            }
            max_customer = max_customer.max(Some(c));
            t.customer.push(c);
            t.placed_at.push(ts);
            t.net.push(net);
        }
        t.set_customers(keys, max_customer);
        t.report.used = t.customer.len();
        t
    }

    /// Sets the keys and the number of customer indices after the rows of
    /// a columnar input are in; `max_customer` is the largest index used.
    fn set_customers(&mut self, mut keys: Vec<String>, max_customer: Option<u32>) {
        let max = max_customer.unwrap_or(0);
        if keys.is_empty() && max as usize > 2 * self.customer.len() + 1_024 {
            // Sparse indices (e.g. shop customer numbers up to 4e9): every
            // per-customer column would be as long as the largest index, so
            // renumber them densely and keep each index as its key.
            let mut dense: HashMap<u32, u32> = HashMap::with_capacity(self.customer.len());
            for c in &mut self.customer {
                let (index, next) = (*c, keys.len() as u32);
                *c = *dense.entry(index).or_insert_with(|| {
                    keys.push(index.to_string());
                    next
                });
            }
        }
        self.customers = if !keys.is_empty() {
            keys.len() as u32
        } else {
            max_customer.map_or(0, |m| m.saturating_add(1))
        };
        self.keys = keys;
    }

    /// Adds line items to a table built from columns, as three parallel
    /// columns: the row of the item's order (0-based, in this table), the
    /// index of its product in `products` and of its category in
    /// `categories` (or [`NO_CATEGORY`]). Items whose indices point
    /// nowhere are skipped; the return value counts them.
    pub fn set_items(
        &mut self,
        order: &[u32],
        product: &[u32],
        category: &[u32],
        products: Vec<Product>,
        categories: Vec<String>,
    ) -> usize {
        self.item_order.clear();
        self.item_product.clear();
        self.item_category.clear();
        let mut skipped = 0;
        for ((&o, &p), &c) in order.iter().zip(product).zip(category) {
            let ok = (o as usize) < self.customer.len()
                && (p as usize) < products.len()
                && (c == NO_CATEGORY || (c as usize) < categories.len());
            if ok {
                self.item_order.push(o);
                self.item_product.push(p);
                self.item_category.push(c);
            } else {
                skipped += 1;
            }
        }
        let longest = order.len().max(product.len()).max(category.len());
        skipped += longest - order.len().min(product.len()).min(category.len());
        self.products = products;
        self.categories = categories;
        skipped
    }

    /// Sets the currency the totals are in (for labels and CSV headers).
    pub fn set_currency(&mut self, currency: &str) {
        self.currency = Some(currency.trim().to_ascii_uppercase());
    }

    /// Number of orders (rows).
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether the table has no orders.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Number of customer indices (`0..customer_count()`).
    pub fn customer_count(&self) -> usize {
        self.customers as usize
    }

    /// The key of customer index `c`; the index itself when no keys were given.
    pub fn key(&self, c: u32) -> Cow<'_, str> {
        match self.keys.get(c as usize) {
            Some(k) => Cow::Borrowed(k.as_str()),
            None => Cow::Owned(c.to_string()),
        }
    }

    /// The currency of the totals, if known.
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// What happened to the input rows.
    pub fn report(&self) -> &TableReport {
        &self.report
    }

    /// Customer index per order.
    pub fn customers(&self) -> &[u32] {
        &self.customer
    }

    /// Time placed per order, Unix seconds.
    pub fn placed_at(&self) -> &[i64] {
        &self.placed_at
    }

    /// Net total per order, minor units.
    pub fn net(&self) -> &[i64] {
        &self.net
    }

    /// The interned products.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// The interned categories.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Line items as `(order row, product index, category index or
    /// [`NO_CATEGORY`])`.
    pub fn items(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.item_order
            .iter()
            .zip(&self.item_product)
            .zip(&self.item_category)
            .map(|((&o, &p), &c)| (o, p, c))
    }

    /// Whether any order has line items.
    pub fn has_items(&self) -> bool {
        !self.item_order.is_empty()
    }
}

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

/// 2200-01-01 in Unix seconds, the end of the range the order readers accept.
const LATEST: i64 = 7_258_118_400;

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;
type FastSet<K> = HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;

/// Order ids seen so far. Most shops number their orders and export them
/// sorted: numeric ids that keep rising (or keep falling) cannot repeat,
/// so they are only listed; the hash set is built from that list when the
/// first id breaks the run. Numbers also make the set a third of the size
/// of one of strings.
#[derive(Default)]
struct SeenIds<'a> {
    run: Vec<u64>,
    rising: Option<bool>,
    numeric: Option<FastSet<u64>>,
    other: FastSet<Cow<'a, str>>,
}

impl<'a> SeenIds<'a> {
    fn reserve(&mut self, n: usize) {
        self.run.reserve(n);
    }

    /// Adds an id; false if it was there already.
    fn insert(&mut self, id: Cow<'a, str>) -> bool {
        match canonical_number(&id) {
            Some(n) => self.insert_number(n),
            None => self.other.insert(id),
        }
    }

    fn insert_number(&mut self, n: u64) -> bool {
        if let Some(set) = &mut self.numeric {
            return set.insert(n);
        }
        let Some(&last) = self.run.last() else {
            self.run.push(n);
            return true;
        };
        let rising = n > last;
        if n != last && self.rising.is_none_or(|r| r == rising) {
            self.rising = Some(rising);
            self.run.push(n);
            return true;
        }
        let mut set: FastSet<u64> = FastSet::default();
        set.reserve(self.run.len().max(self.run.capacity() / 2));
        set.extend(self.run.drain(..));
        self.run = Vec::new();
        let new = set.insert(n);
        self.numeric = Some(set);
        new
    }
}

/// Customer index by key. Short keys (customer numbers, many e-mail
/// addresses) are stored in the table's own slots, so that finding a
/// customer compares bytes already at hand instead of following a pointer
/// to a string elsewhere in memory: with a hundred thousand customers that
/// is a cache miss per order saved.
#[derive(Default)]
struct CustomerIds {
    short: FastMap<ShortKey, u32>,
    long: FastMap<Box<str>, u32>,
}

/// Up to 23 bytes of a key and, in the top byte, its length, as three
/// words (compared as numbers, not byte by byte).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortKey(u64, u64, u64);

impl CustomerIds {
    /// The index of `key`; a new key gets `next`.
    fn index(&mut self, key: &str, next: u32) -> u32 {
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

/// One order as the [`Builder`] reads it; texts borrowed where possible.
pub(crate) struct OrderRow<'a, 'i> {
    pub id: Cow<'a, str>,
    pub customer: Cow<'a, str>,
    pub placed_at: i64,
    pub total: i64,
    pub status: OrderStatus,
    pub currency: &'i str,
    pub items: &'i [LineItem],
}

/// Builds an [`OrderTable`] order by order: repeated ids, cancelled
/// orders, missing keys and foreign currencies are sorted out here, for
/// every input path alike.
pub(crate) struct Builder<'a> {
    t: OrderTable,
    seen: SeenIds<'a>,
    customer_ids: CustomerIds,
    product_ids: FastMap<String, u32>,
    category_ids: FastMap<String, u32>,
}

impl<'a> Builder<'a> {
    pub fn new(currency: Option<&str>) -> Builder<'a> {
        Builder {
            t: OrderTable {
                currency: currency.map(|c| c.trim().to_ascii_uppercase()),
                ..OrderTable::default()
            },
            seen: SeenIds::default(),
            customer_ids: CustomerIds::default(),
            product_ids: FastMap::default(),
            category_ids: FastMap::default(),
        }
    }

    /// Makes room for about `n` orders.
    pub fn reserve(&mut self, n: usize) {
        self.seen.reserve(n);
        self.t.customer.reserve(n);
        self.t.placed_at.reserve(n);
        self.t.net.reserve(n);
    }

    /// Adds one order; `row` is its 1-based position for errors.
    pub fn push(&mut self, row: usize, o: OrderRow<'a, '_>) {
        let t = &mut self.t;
        t.report.read += 1;
        let error = |field: &str, reason: String, fix: &str| RowError {
            row: Some(row),
            order_id: (!o.id.is_empty()).then(|| o.id.to_string()),
            field: field.to_string(),
            reason,
            fix: fix.to_string(),
        };
        // The first copy of an id counts, even if it is rejected below.
        if !o.id.is_empty() && !self.seen.insert(o.id.clone()) {
            t.report.duplicates += 1;
            return;
        }
        let status = o.status;
        if matches!(status, OrderStatus::Cancelled | OrderStatus::Refunded) {
            t.report.cancelled += 1;
            return;
        }
        // The checks of the order readers (orders::normalize), for input
        // that did not pass through them (JSON text, JS order arrays): a
        // negative amount would make revenue shares exceed 100 %.
        if !(0..LATEST).contains(&o.placed_at) {
            t.report.errors.push(error(
                "placed_at",
                format!("{} is not a time between 1970 and 2199 (Unix seconds)", o.placed_at),
                "give placed_at in seconds since 1970-01-01 UTC (not milliseconds), or as an ISO date",
            ));
            return;
        }
        if o.total < 0 {
            t.report.errors.push(error(
                "total",
                format!("the total {} is negative", o.total),
                "give the gross order total; record refunds as status or refund amount, not as negative orders",
            ));
            return;
        }
        let net = match status {
            OrderStatus::PartiallyRefunded { amount } if amount < 0 => {
                t.report.errors.push(error(
                    "status.amount",
                    format!("the refunded amount {amount} is negative"),
                    "give the refunded amount as a positive number",
                ));
                return;
            }
            // Refunded in full: left out like a refunded order.
            OrderStatus::PartiallyRefunded { amount } if amount >= o.total => {
                t.report.cancelled += 1;
                return;
            }
            OrderStatus::PartiallyRefunded { amount } => o.total - amount,
            _ => o.total,
        };
        let key = trim(&o.customer);
        if key.is_empty() {
            t.report.errors.push(error(
                "customer",
                "the order has no customer key".into(),
                "give every order a customer id, or the e-mail address for guest orders",
            ));
            return;
        }
        let cur = trim(o.currency);
        match &t.currency {
            None => t.currency = Some(cur.to_ascii_uppercase()),
            Some(c) if !c.eq_ignore_ascii_case(cur) => {
                let c = c.clone();
                t.report.errors.push(error(
                    "currency",
                    format!("the order is in '{cur}', the other orders in {c}"),
                    "convert the orders to one currency first (the order import takes exchange rates)",
                ));
                return;
            }
            Some(_) => {}
        }
        let next = t.keys.len() as u32;
        let c = self.customer_ids.index(key, next);
        if c == next {
            t.keys.push(key.to_string());
        }
        let order_row = t.customer.len() as u32;
        t.customer.push(c);
        t.placed_at.push(o.placed_at);
        t.net.push(net);
        for item in o.items {
            if item.quantity <= 0.0 {
                continue;
            }
            let id = match (
                item.product_id.trim(),
                item.sku.as_deref(),
                item.name.trim(),
            ) {
                ("", Some(sku), _) if !sku.trim().is_empty() => sku.trim(),
                ("", _, name) if !name.is_empty() => name,
                ("", _, _) => continue,
                (id, _, _) => id,
            };
            let p = match self.product_ids.get(id) {
                Some(&p) => p,
                None => {
                    let p = t.products.len() as u32;
                    t.products.push(Product {
                        id: id.to_string(),
                        sku: item.sku.clone().filter(|s| !s.trim().is_empty()),
                        name: item.name.clone(),
                    });
                    self.product_ids.insert(id.to_string(), p);
                    p
                }
            };
            let cat = match item.category.as_deref().map(str::trim) {
                Some(name) if !name.is_empty() => match self.category_ids.get(name) {
                    Some(&k) => k,
                    None => {
                        let k = t.categories.len() as u32;
                        t.categories.push(name.to_string());
                        self.category_ids.insert(name.to_string(), k);
                        k
                    }
                },
                _ => NO_CATEGORY,
            };
            t.item_order.push(order_row);
            t.item_product.push(p);
            t.item_category.push(cat);
        }
    }

    pub fn finish(mut self) -> OrderTable {
        self.t.customers = self.t.keys.len() as u32;
        self.t.report.used = self.t.customer.len();
        self.t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::{LineItem, OrderStatus};

    #[test]
    fn cancelled_refunded_and_foreign_currency_orders_are_left_out() {
        let mut cancelled = Order::new("2", "anna", 10, 1_000, "EUR");
        cancelled.status = OrderStatus::Cancelled;
        let mut partial = Order::new("3", "anna", 20, 1_000, "EUR");
        partial.status = OrderStatus::PartiallyRefunded { amount: 300 };
        let orders = vec![
            Order::new("1", "anna", 0, 2_000, "EUR"),
            cancelled,
            partial,
            Order::new("4", "ben", 30, 1_000, "CHF"),
            Order::new("5", " ", 30, 1_000, "EUR"),
        ];
        let t = OrderTable::from_orders(&orders);
        assert_eq!(t.net(), &[2_000, 700]);
        assert_eq!(t.report().cancelled, 1);
        assert_eq!(t.report().errors.len(), 2);
        assert_eq!(t.report().errors[0].field, "currency");
        assert_eq!(t.report().errors[0].row, Some(4));
        assert_eq!(t.report().errors[1].field, "customer");
        assert_eq!(t.currency(), Some("EUR"));
        assert_eq!(t.customer_count(), 1);
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
    fn repeated_ids_are_found_in_rising_falling_and_mixed_runs() {
        let count = |ids: &[u64]| {
            let mut seen = SeenIds::default();
            ids.iter().filter(|&&n| !seen.insert_number(n)).count()
        };
        assert_eq!(count(&[1, 2, 3, 10]), 0);
        assert_eq!(count(&[10, 3, 2, 1]), 0);
        assert_eq!(count(&[1, 2, 2, 3]), 1);
        assert_eq!(count(&[5, 4, 6, 5, 4, 7]), 2);
        assert_eq!(count(&[1, 3, 2, 3, 1]), 2);
        assert_eq!(count(&[7, 7, 7]), 2);
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

    #[test]
    fn items_are_interned() {
        let mut a = Order::new("1", "anna", 0, 2_000, "EUR");
        a.items = vec![
            LineItem {
                product_id: "TEE-01".into(),
                name: "T-Shirt".into(),
                category: Some("Sale".into()),
                quantity: 1.0,
                ..Default::default()
            },
            LineItem {
                product_id: "".into(),
                sku: Some("MUG".into()),
                name: "Tasse".into(),
                quantity: 2.0,
                ..Default::default()
            },
            LineItem {
                product_id: "GONE".into(),
                quantity: 0.0,
                ..Default::default()
            },
        ];
        let mut b = Order::new("2", "ben", 0, 2_000, "EUR");
        b.items = vec![LineItem {
            product_id: "TEE-01".into(),
            category: Some("Sale".into()),
            quantity: 1.0,
            ..Default::default()
        }];
        let t = OrderTable::from_orders(&[a, b]);
        assert_eq!(t.products().len(), 2);
        assert_eq!(t.products()[1].id, "MUG");
        assert_eq!(t.categories(), &["Sale".to_string()]);
        let items: Vec<_> = t.items().collect();
        assert_eq!(items, vec![(0, 0, 0), (0, 1, NO_CATEGORY), (1, 0, 0)]);
    }

    #[test]
    fn columns_of_different_length_are_refused() {
        let err = OrderTable::from_columns(&[0], &[], &[1.0], Vec::new()).unwrap_err();
        assert!(err.reason.contains("differ in length"));
    }

    #[test]
    fn column_rows_need_keys_and_whole_numbers() {
        let keys = vec!["a".to_string()];
        let t =
            OrderTable::from_columns(&[0, 1, 0], &[0.0, 0.0, 0.5], &[1.0, 1.0, 1.0], keys).unwrap();
        assert_eq!(t.len(), 1);
        let fields: Vec<_> = t.report().errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["customer", "placedAt"]);
    }
}
