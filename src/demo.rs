//! Deterministic demo data: a fictional German coffee roastery with two years of orders.
//!
//! *Kaffeerösterei Morgenrot* sells espresso, filter coffee, decaf,
//! equipment, gifts and sale items. Its customers follow six rhythms:
//! loyal regulars (about monthly), occasional buyers (every few months),
//! one-time buyers, churned customers (regular, then silent for at least
//! four months), new customers (first order in the last 30 days) and a few
//! office/café buyers with large baskets every two weeks. About 2 % of
//! orders are cancelled, 1.5 % refunded and 2.5 % partially refunded.
//!
//! The same options and seed always give the same orders, on every
//! platform; each customer's history depends only on the seed and the
//! customer's number, not on how many customers are generated.
//!
//! ```
//! use stammkunde::demo::{generate, DemoOptions};
//! let options = DemoOptions { customers: 200, ..DemoOptions::default() };
//! let orders = generate(&options);
//! assert_eq!(orders, generate(&options));
//! assert!(orders.iter().all(|o| o.placed_at < options.end));
//! ```

use crate::orders::columnar::Columns;
use crate::orders::{LineItem, Order, OrderStatus};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Number of customers (each places at least one order).
    pub customers: usize,
    /// Approximate number of orders wanted; `None` lets the rhythms decide
    /// (about 6 orders per customer). Repeat buyers' rhythms are sped up
    /// or slowed down to come close.
    pub orders: Option<usize>,
    /// Seed of the random generator.
    pub seed: u64,
    /// The as-of time, Unix seconds: all orders are placed in the two years
    /// before it.
    pub end: i64,
}

impl Default for DemoOptions {
    /// 2,000 customers, seed 1, as of 2026-11-01 00:00 UTC.
    fn default() -> Self {
        DemoOptions {
            customers: 2_000,
            orders: None,
            seed: 1,
            end: 1_793_491_200,
        }
    }
}

/// A product of the demo shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Stock keeping unit, e.g. `ESP-01`.
    pub sku: &'static str,
    /// Name as shown in the shop.
    pub name: &'static str,
    /// Category.
    pub category: &'static str,
    /// Price in cents.
    pub price: i64,
}

const fn p(sku: &'static str, name: &'static str, category: &'static str, price: i64) -> Product {
    Product {
        sku,
        name,
        category,
        price,
    }
}

/// The demo shop's catalogue.
pub const PRODUCTS: [Product; 24] = [
    p("ESP-01", "Espresso Morgenrot 250 g", "Espresso", 890),
    p("ESP-02", "Espresso Morgenrot 1 kg", "Espresso", 2_990),
    p("ESP-03", "Espresso Crema Italiana 250 g", "Espresso", 950),
    p("ESP-04", "Espresso Crema Italiana 1 kg", "Espresso", 3_190),
    p("ESP-05", "Espresso Bio Hochland 500 g", "Espresso", 1_790),
    p("ESP-06", "Espresso Nachtschicht 250 g", "Espresso", 990),
    p(
        "FIL-01",
        "Filterkaffee Sonntag 500 g",
        "Filterkaffee",
        1_490,
    ),
    p(
        "FIL-02",
        "Äthiopien Yirgacheffe 250 g",
        "Filterkaffee",
        1_190,
    ),
    p("FIL-03", "Kolumbien Huila 250 g", "Filterkaffee", 1_090),
    p("FIL-04", "Brasil Santos 1 kg", "Filterkaffee", 2_690),
    p(
        "FIL-05",
        "Hausmischung Frühstück 500 g",
        "Filterkaffee",
        1_290,
    ),
    p(
        "ENT-01",
        "Entkoffeiniert Mexiko 250 g",
        "Entkoffeiniert",
        1_050,
    ),
    p(
        "ENT-02",
        "Entkoffeinierter Espresso 500 g",
        "Entkoffeiniert",
        1_890,
    ),
    p("ZUB-01", "Handfilter Porzellan", "Zubehör", 2_490),
    p("ZUB-02", "Filterpapier 100 Stück", "Zubehör", 490),
    p("ZUB-03", "Handmühle Keramik", "Zubehör", 5_900),
    p("ZUB-04", "Milchkännchen Edelstahl", "Zubehör", 1_990),
    p("ZUB-05", "Tamper für Siebträger", "Zubehör", 3_490),
    p("ZUB-06", "Kaffeedose Aroma", "Zubehör", 2_290),
    p("GES-01", "Geschenkbox Weltreise", "Geschenke", 3_990),
    p("GES-02", "Gutschein 25 €", "Geschenke", 2_500),
    p("GES-03", "Probierset 4 × 100 g", "Geschenke", 1_990),
    p("SALE-01", "Restposten Espresso Herbst 250 g", "Sale", 590),
    p("SALE-02", "Tasse Morgenrot (B-Ware)", "Sale", 790),
];

/// Coffees a customer may adopt as a favourite (indices into [`PRODUCTS`]).
const COFFEES: [u8; 13] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/// What office and café buyers order (1 kg bags).
const BULK: [u8; 3] = [1, 3, 9];
/// Shipping below the free-shipping threshold.
const SHIPPING: i64 = 490;
const FREE_SHIPPING_FROM: i64 = 3_900;
const DAY: i64 = 86_400;
const SPAN_DAYS: i64 = 730;

const FIRST_NAMES: [&str; 40] = [
    "Anna",
    "Lukas",
    "Marie",
    "Jonas",
    "Sophie",
    "Leon",
    "Emma",
    "Felix",
    "Lena",
    "Paul",
    "Hannah",
    "Maximilian",
    "Laura",
    "Tobias",
    "Julia",
    "Stefan",
    "Katrin",
    "Jürgen",
    "Sabine",
    "Michael",
    "Claudia",
    "Thomas",
    "Petra",
    "Andreas",
    "Birgit",
    "Matthias",
    "Ute",
    "Frank",
    "Monika",
    "Sebastian",
    "Nina",
    "Florian",
    "Sarah",
    "Daniel",
    "Jana",
    "Markus",
    "Lea",
    "Björn",
    "Greta",
    "Özlem",
];
const LAST_NAMES: [&str; 40] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
];
const DOMAINS: [&str; 4] = ["example.de", "example.com", "example.org", "example.net"];

/// splitmix64: tiny, fast and good enough for demo data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in [0, n); 0 when n is 0.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// Exponential with the given mean.
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }

    fn pick<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        items
            .get(self.below(items.len() as u64) as usize)
            .copied()
            .unwrap_or(fallback)
    }
}

/// The random stream of customer `c`: independent of how many customers
/// are generated.
fn customer_rng(seed: u64, c: u32) -> Rng {
    let mut mix = Rng::new(seed ^ u64::from(c).wrapping_mul(0xD1B5_4A32_D192_ED03));
    Rng::new(mix.next())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Loyal,
    Occasional,
    OneTime,
    Churned,
    New,
    Business,
}

impl Kind {
    fn pick(u: f64) -> Kind {
        match u {
            u if u < 0.12 => Kind::Loyal,
            u if u < 0.40 => Kind::Occasional,
            u if u < 0.75 => Kind::OneTime,
            u if u < 0.90 => Kind::Churned,
            u if u < 0.98 => Kind::New,
            _ => Kind::Business,
        }
    }
}

/// One generated order without strings.
#[derive(Debug, Clone, Copy)]
struct Event {
    placed_at: i64,
    customer: u32,
    total: i64,
    status: OrderStatus,
    /// (product index, quantity); `n` are used.
    items: [(u8, u8); 4],
    n: u8,
}

/// Calls `emit` for every order of customer `c`, in time order. `pace`
/// multiplies how often repeat buyers order.
fn customer_orders(options: &DemoOptions, c: u32, pace: f64, emit: &mut impl FnMut(Event)) {
    let mut rng = customer_rng(options.seed, c);
    let end = options.end;
    let start = end - SPAN_DAYS * DAY;
    let kind = Kind::pick(rng.unit());
    let days = |rng: &mut Rng, lo: i64, hi: i64| lo + rng.below((hi - lo).max(1) as u64) as i64;
    // (first day, last day allowed, mean gap in days, regular rhythm)
    let (first, stop, gap, regular) = match kind {
        Kind::Loyal => (days(&mut rng, 0, 300), SPAN_DAYS, 30.0, true),
        Kind::Occasional => (days(&mut rng, 0, SPAN_DAYS - 60), SPAN_DAYS, 110.0, false),
        Kind::OneTime => (days(&mut rng, 0, SPAN_DAYS - 30), 0, 0.0, false),
        Kind::Churned => {
            let first = days(&mut rng, 0, 400);
            let silent_from = (first + days(&mut rng, 90, 400)).min(SPAN_DAYS - 120);
            (first, silent_from, 40.0, true)
        }
        Kind::New => (
            days(&mut rng, SPAN_DAYS - 30, SPAN_DAYS),
            SPAN_DAYS,
            20.0,
            false,
        ),
        Kind::Business => (days(&mut rng, 0, 200), SPAN_DAYS, 14.0, true),
    };
    let favourite = rng.pick(&COFFEES, 0);
    let mut day = first as f64;
    loop {
        let time_of_day = time_of_day(&mut rng);
        let placed_at = start + (day as i64) * DAY + time_of_day;
        if placed_at >= end {
            break;
        }
        emit(basket(&mut rng, kind, favourite, c, placed_at));
        if gap <= 0.0 {
            break;
        }
        let mean = gap / pace.max(0.01);
        // At most one order a day, however fast the pace.
        day += if regular {
            mean * (0.75 + 0.5 * rng.unit())
        } else {
            rng.exp(mean)
        }
        .max(1.0);
        if day as i64 > stop {
            break;
        }
    }
}

/// Seconds after midnight, with more orders in the evening.
fn time_of_day(rng: &mut Rng) -> i64 {
    const HOURS: [i64; 24] = [
        7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 20, 20, 21, 21, 21, 22, 22, 23,
    ];
    let hour = rng.pick(&HOURS, 20);
    hour * 3_600 + rng.below(60) as i64 * 60
}

fn basket(rng: &mut Rng, kind: Kind, favourite: u8, customer: u32, placed_at: i64) -> Event {
    let mut items = [(0u8, 0u8); 4];
    let mut n = 0usize;
    let wanted = match kind {
        Kind::Business => 2 + rng.below(3) as usize,
        _ => match rng.unit() {
            u if u < 0.55 => 1,
            u if u < 0.85 => 2,
            _ => 3,
        },
    };
    for _ in 0..wanted {
        let (product, quantity) = match kind {
            Kind::Business => (rng.pick(&BULK, 1), 3 + rng.below(10) as u8),
            _ => {
                let u = rng.unit();
                let product = if u < 0.55 {
                    favourite
                } else if u < 0.65 {
                    22 + rng.below(2) as u8 // sale
                } else {
                    rng.below(PRODUCTS.len() as u64 - 2) as u8
                };
                let quantity = match rng.unit() {
                    u if u < 0.8 => 1,
                    u if u < 0.95 => 2,
                    _ => 3,
                };
                (product, quantity)
            }
        };
        match items.iter_mut().take(n).find(|(p, _)| *p == product) {
            Some(item) => item.1 = item.1.saturating_add(quantity),
            None => {
                if let Some(slot) = items.get_mut(n) {
                    *slot = (product, quantity);
                    n += 1;
                }
            }
        }
    }
    let subtotal: i64 = items
        .iter()
        .take(n)
        .map(|&(p, q)| PRODUCTS.get(p as usize).map_or(0, |p| p.price) * i64::from(q))
        .sum();
    let total = subtotal
        + if subtotal < FREE_SHIPPING_FROM {
            SHIPPING
        } else {
            0
        };
    let status = match rng.unit() {
        u if u < 0.020 => OrderStatus::Cancelled,
        u if u < 0.035 => OrderStatus::Refunded,
        u if u < 0.060 => {
            // One item sent back, or a goodwill refund of a quarter.
            let first = items.first().and_then(|&(p, _)| PRODUCTS.get(p as usize));
            let amount = match first {
                Some(p) if n > 1 || items.first().is_some_and(|i| i.1 > 1) => p.price,
                _ => total / 4,
            };
            OrderStatus::PartiallyRefunded { amount }
        }
        _ => OrderStatus::Completed,
    };
    Event {
        placed_at,
        customer,
        total,
        status,
        items,
        n: n as u8,
    }
}

/// How fast repeat buyers must order to come near `options.orders`.
fn pace(options: &DemoOptions) -> f64 {
    let Some(target) = options.orders else {
        return 1.0;
    };
    // Estimate on a sample of customers; three corrections suffice because
    // the count grows about linearly with the pace.
    let sample = options.customers.min(10_000) as u32;
    if sample == 0 {
        return 1.0;
    }
    let wanted = target as f64 * f64::from(sample) / options.customers as f64;
    let mut pace = 1.0;
    for _ in 0..4 {
        let mut count = 0usize;
        let mut single = 0usize;
        for c in 0..sample {
            let mut n = 0usize;
            customer_orders(options, c, pace, &mut |_| n += 1);
            count += n;
            single += usize::from(n == 1);
        }
        let repeat = (count - single) as f64;
        if repeat <= 0.0 {
            break;
        }
        pace *= ((wanted - single as f64) / repeat).clamp(0.05, 20.0);
    }
    pace
}

/// All orders' events, sorted by time (then customer).
fn events(options: &DemoOptions) -> Vec<Event> {
    let pace = pace(options);
    let mut events = Vec::with_capacity(options.orders.unwrap_or(options.customers * 6));
    for c in 0..options.customers.min(u32::MAX as usize) as u32 {
        customer_orders(options, c, pace, &mut |e| events.push(e));
    }
    events.sort_by_key(|e| (e.placed_at, e.customer));
    events
}

/// A demo customer's number, name and e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCustomer {
    /// Customer number, e.g. `K-10001`.
    pub number: String,
    /// First name.
    pub first_name: &'static str,
    /// Last name.
    pub last_name: &'static str,
    /// E-mail address at an `example.*` domain.
    pub email: String,
    /// Whether the customer orders as a guest (then keyed by e-mail).
    pub guest: bool,
}

impl DemoCustomer {
    /// The customer key their orders carry: the number, or the e-mail for
    /// guests.
    pub fn key(&self) -> &str {
        if self.guest {
            &self.email
        } else {
            &self.number
        }
    }
}

/// Customer `c` (0-based) of the demo shop for this seed.
///
/// ```
/// let c = stammkunde::demo::customer(1, 0);
/// assert_eq!(c.number, "K-10001");
/// assert!(c.email.ends_with(".de") || c.email.contains("@example."));
/// ```
pub fn customer(seed: u64, c: u32) -> DemoCustomer {
    let mut rng = customer_rng(seed, c);
    let kind = Kind::pick(rng.unit());
    let mut names = customer_rng(seed ^ 0x5EED_0F4A_4D45, c);
    let first_name = names.pick(&FIRST_NAMES, "Anna");
    let last_name = names.pick(&LAST_NAMES, "Müller");
    let domain = names.pick(&DOMAINS, "example.de");
    let guest = matches!(kind, Kind::OneTime | Kind::New) && names.unit() < 0.3;
    DemoCustomer {
        number: format!("K-{}", 10_001 + u64::from(c)),
        first_name,
        last_name,
        email: format!("{}.{}{}@{domain}", ascii(first_name), ascii(last_name), c),
        guest,
    }
}

/// Lower-case ASCII spelling of a German name (`Müller` -> `mueller`).
fn ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The demo shop's orders, in time order, with order numbers from 100001.
pub fn generate(options: &DemoOptions) -> Vec<Order> {
    let events = events(options);
    let mut keys: Vec<Option<String>> = vec![None; options.customers];
    events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let key = match keys.get_mut(e.customer as usize) {
                Some(slot) => slot
                    .get_or_insert_with(|| customer(options.seed, e.customer).key().to_string())
                    .clone(),
                None => e.customer.to_string(),
            };
            let items = e
                .items
                .iter()
                .take(usize::from(e.n))
                .filter_map(|&(p, q)| {
                    let product = PRODUCTS.get(usize::from(p))?;
                    Some(LineItem {
                        product_id: product.sku.to_string(),
                        sku: Some(product.sku.to_string()),
                        name: product.name.to_string(),
                        category: Some(product.category.to_string()),
                        quantity: f64::from(q),
                        unit_price: product.price,
                    })
                })
                .collect();
            Order {
                id: (100_001 + i).to_string(),
                customer: key,
                placed_at: e.placed_at,
                total: e.total,
                currency: "EUR".to_string(),
                status: e.status,
                items,
            }
        })
        .collect()
}

/// The same orders as [`generate`] (same order, same totals and statuses),
/// as columns: customer index `c` is customer `c` (see [`customer`]). No
/// strings are built, so this scales to millions of orders.
///
/// ```
/// use stammkunde::demo::{generate, generate_columns, DemoOptions};
/// let options = DemoOptions { customers: 300, ..DemoOptions::default() };
/// let columns = generate_columns(&options);
/// let orders = generate(&options);
/// assert_eq!(columns.len(), orders.len());
/// assert_eq!(columns.total[7], orders[7].total);
/// ```
pub fn generate_columns(options: &DemoOptions) -> Columns {
    let events = events(options);
    let mut columns = Columns::with_capacity(events.len());
    for e in &events {
        columns.push(e.customer, e.placed_at, e.total, e.status);
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn rhythms_statuses_and_targets_are_plausible() {
        let options = DemoOptions::default();
        let orders = generate(&options);
        let n = orders.len() as f64;
        assert!((8_000.0..16_000.0).contains(&n), "{n} orders");
        let start = options.end - SPAN_DAYS * DAY;
        assert!(orders
            .iter()
            .all(|o| (start..options.end).contains(&o.placed_at)));
        let share = |f: &dyn Fn(&Order) -> bool| orders.iter().filter(|o| f(o)).count() as f64 / n;
        let cancelled = share(&|o| o.status == OrderStatus::Cancelled);
        let partial = share(&|o| matches!(o.status, OrderStatus::PartiallyRefunded { .. }));
        assert!((0.01..0.03).contains(&cancelled), "{cancelled}");
        assert!((0.015..0.035).contains(&partial), "{partial}");
        assert!(orders
            .iter()
            .all(|o| o.net_total() <= o.total && o.net_total() >= 0));
        let mut per_customer: HashMap<&str, usize> = HashMap::new();
        for o in &orders {
            *per_customer.entry(&o.customer).or_default() += 1;
        }
        assert_eq!(per_customer.len(), options.customers);
        let one_time = per_customer.values().filter(|&&k| k == 1).count();
        assert!(
            one_time > options.customers / 4,
            "{one_time} one-time buyers"
        );
        assert!(per_customer.values().any(|&k| k >= 20), "some regulars");
        let recent = options.end - 30 * DAY;
        let new = per_customer
            .keys()
            .filter(|k| {
                orders
                    .iter()
                    .filter(|o| o.customer == **k)
                    .all(|o| o.placed_at >= recent)
            })
            .count();
        assert!(new > options.customers / 20, "{new} new customers");
    }

    #[test]
    fn order_target_is_approached() {
        let options = DemoOptions {
            customers: 5_000,
            orders: Some(50_000),
            ..DemoOptions::default()
        };
        let n = generate_columns(&options).len() as f64;
        assert!((45_000.0..55_000.0).contains(&n), "{n}");
    }

    #[test]
    fn an_unreachable_target_stays_bounded() {
        let options = DemoOptions {
            customers: 3,
            orders: Some(10_000_000),
            ..DemoOptions::default()
        };
        assert!(generate_columns(&options).len() <= 3 * (SPAN_DAYS as usize + 1));
        let none = DemoOptions {
            customers: 0,
            orders: Some(100),
            ..DemoOptions::default()
        };
        assert!(generate(&none).is_empty());
    }

    #[test]
    fn customers_do_not_depend_on_the_total_count() {
        let small = generate(&DemoOptions {
            customers: 50,
            ..DemoOptions::default()
        });
        let large = generate(&DemoOptions {
            customers: 80,
            ..DemoOptions::default()
        });
        let of = |orders: &[Order], key: &str| -> Vec<(i64, i64)> {
            orders
                .iter()
                .filter(|o| o.customer == key)
                .map(|o| (o.placed_at, o.total))
                .collect()
        };
        let key = customer(1, 7).key().to_string();
        assert_eq!(of(&small, &key), of(&large, &key));
        assert!(!of(&small, &key).is_empty());
    }

    #[test]
    fn names_are_ascii_in_emails() {
        assert_eq!(ascii("Jürgen"), "juergen");
        assert_eq!(ascii("Özlem"), "oezlem");
        let c = customer(1, 3);
        assert!(c.email.is_ascii());
    }
}
