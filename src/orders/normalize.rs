//! The pass every adapter ends with: duplicate ids, currencies, statuses,
//! counts.

use super::field_error::FieldError;
use super::json::{self, get, list, shape_error, text};
use super::{trim, Import, LineItem, Order, OrderStatus, RowError};
use crate::calendar::{Zone, ZoneCache, LATEST};
use crate::money::{convert, is_currency_code, minor_digits};
use crate::segments::FastMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Options for reading orders. Every field is optional; the names are
/// camelCase (`timeZone`), snake_case is accepted too, and unknown names
/// are an error (so a typo does not pass silently).
///
/// ```
/// use stammkunde::orders::{normalize, Order, ReadOptions};
/// let options = ReadOptions {
///     currency: Some("EUR".into()),
///     rates: [("CHF".to_string(), 1.05)].into(),
///     ..ReadOptions::default()
/// };
/// let orders = vec![Order::new("1", "k", 0, 10_000, "CHF")];
/// let import = normalize(orders, &options).unwrap();
/// assert_eq!((import.orders[0].total, import.orders[0].currency.as_str()), (10_500, "EUR"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ReadOrdersOptions", optional_fields))]
pub struct ReadOptions {
    /// Base currency all figures are in (ISO code). Default: the currency
    /// most orders have.
    pub currency: Option<String>,
    /// Exchange rates to the base currency: units of the base per one unit
    /// of the key currency, e.g. `{"CHF": 1.05}` with base EUR.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub rates: BTreeMap<String, f64>,
    /// CSV only: canonical field name to column header, e.g.
    /// `{"order_id": "Beleg", "total": "Brutto"}` (see [`super::csv`]).
    #[cfg_attr(
        feature = "ts",
        ts(optional = nullable, type = "Partial<Record<CsvField, string>>")
    )]
    pub mapping: BTreeMap<String, String>,
    /// CSV only: field separator; default: detected from the header line
    /// (`;`, `,` or tab).
    pub delimiter: Option<char>,
    /// CSV only: decimal separator, `,` or `.`; default: detected from the
    /// values (`1.234,56` vs `1,234.56`), else `,` for `;`-separated files.
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "\",\" | \".\""))]
    pub decimal: Option<char>,
    /// The shop's time zone, where its days begin (see [`crate::calendar`]):
    /// `Europe/Berlin` and the other European zones, `UTC`, or a fixed
    /// offset such as `+01:00`. Default UTC. Naive local times are read in
    /// this zone; UTC times are cut at its midnight.
    #[serde(alias = "time_zone")]
    pub time_zone: Option<String>,
    /// Offset changes of a zone without a native rule, as `[from, minutes]`
    /// pairs (Unix seconds, minutes east of UTC), e.g. computed with the
    /// browser's `Intl`; used instead of `time_zone` when not empty.
    #[serde(alias = "zone_offsets")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "[number, number][]"))]
    pub zone_offsets: Vec<(i64, i32)>,
    /// The zone, worked out once per read.
    #[serde(skip)]
    #[doc(hidden)]
    pub zone_cache: ZoneCache,
}

impl ReadOptions {
    /// Checks the currency and rates; [`super::read`] does this before
    /// reading anything.
    pub fn validate(&self) -> Result<(), RowError> {
        self.checked_rates()?;
        self.checked_currency()?;
        self.checked_zone()?;
        Ok(())
    }

    /// The zone of `time_zone` / `zone_offsets`, checked.
    pub fn checked_zone(&self) -> Result<Zone, RowError> {
        Zone::from_options(self.time_zone.as_deref(), &self.zone_offsets, 0).map_err(|reason| {
            FieldError::new(
                "time_zone",
                reason,
                "give time_zone as Europe/Berlin, UTC or +01:00, or zone_offsets",
            )
            .at(None, None)
        })
    }

    /// These options with the shop's zone set directly (as the segment and
    /// CLV options give it), instead of by `time_zone`.
    ///
    /// ```
    /// use stammkunde::calendar::Zone;
    /// use stammkunde::orders::ReadOptions;
    /// let options = ReadOptions::default().with_zone(Zone::fixed(60).unwrap());
    /// assert_eq!(options.zone().offset_at(0), 60);
    /// ```
    pub fn with_zone(mut self, zone: Zone) -> ReadOptions {
        self.time_zone = None;
        self.zone_offsets.clear();
        self.zone_cache = ZoneCache::with(zone);
        self
    }

    /// The shop's zone (UTC if the options name none or a bad one, which
    /// [`ReadOptions::validate`] reports before anything is read).
    pub fn zone(&self) -> &Zone {
        self.zone_cache
            .get(|| self.checked_zone().unwrap_or_default())
    }

    /// The rates with upper-case codes, checked.
    pub(crate) fn checked_rates(&self) -> Result<HashMap<String, f64>, RowError> {
        let mut rates = HashMap::new();
        for (code, &rate) in &self.rates {
            let upper = code.trim().to_ascii_uppercase();
            if !is_currency_code(&upper) {
                return Err(FieldError::new(
                    format!("rates.{code}"),
                    format!("'{code}' is not a currency code"),
                    "use three-letter ISO codes as keys, e.g. rates: { \"CHF\": 1.05 }",
                )
                .at(None, None));
            }
            if !(rate.is_finite() && rate > 0.0) {
                return Err(FieldError::new(
                    format!("rates.{upper}"),
                    format!("the rate {rate} is not a positive number"),
                    format!(
                        "give how many units of the base currency one {upper} is worth, e.g. 1.05"
                    ),
                )
                .at(None, None));
            }
            rates.insert(upper, rate);
        }
        Ok(rates)
    }

    /// The base currency option, checked.
    pub(crate) fn checked_currency(&self) -> Result<Option<String>, RowError> {
        match self.currency.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(code) if is_currency_code(code) => Ok(Some(code.to_ascii_uppercase())),
            Some(code) => Err(FieldError::new(
                "currency",
                format!("'{code}' is not a currency code"),
                "pass a three-letter ISO code such as \"EUR\"",
            )
            .at(None, None)),
        }
    }
}

/// Orders as an adapter read them, before the common pass.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    /// Each order with its 1-based row (or position) in the input.
    pub orders: Vec<(Option<usize>, Order)>,
    pub errors: Vec<RowError>,
    pub read: usize,
}

impl Raw {
    /// Records one input record: its order, or why it was rejected.
    pub fn push(&mut self, row: usize, result: Result<Order, (FieldError, Option<String>)>) {
        self.read += 1;
        match result {
            Ok(order) => self.orders.push((Some(row), order)),
            Err((bad, id)) => self.errors.push(bad.at(Some(row), id)),
        }
    }
}

/// The common pass over orders from any source:
///
/// - every order is checked (id, customer, currency code, total ≥ 0);
/// - a repeated order id counts once: the first copy is kept, each later
///   copy is reported;
/// - orders in another currency than the base are converted with
///   `options.rates` or rejected with an error naming the currency;
/// - a partial refund of at least the total becomes a full refund.
///
/// Cancelled and refunded orders stay in [`Import::orders`] with their
/// status; [`Order::counts`] and [`Order::net_total`] exclude them from
/// figures. `read` = `used` + `rejected` always holds.
pub fn normalize(orders: Vec<Order>, options: &ReadOptions) -> Result<Import, RowError> {
    let raw = Raw {
        read: orders.len(),
        orders: orders
            .into_iter()
            .enumerate()
            .map(|(i, o)| (Some(i + 1), o))
            .collect(),
        errors: Vec::new(),
    };
    finish(raw, options)
}

pub(crate) fn finish(raw: Raw, options: &ReadOptions) -> Result<Import, RowError> {
    let rates = options.checked_rates()?;
    let base = match options.checked_currency()? {
        Some(code) => code,
        None => most_common_currency(raw.orders.iter().map(|(_, o)| o.currency.as_str())),
    };
    let mut raw_orders = raw.orders;
    let mut errors = raw.errors;
    // The orders are checked and converted in place; `seen` borrows the ids
    // of the kept ones (no copy per order), and `keep` says which to move
    // into the result afterwards.
    let mut keep = Vec::with_capacity(raw_orders.len());
    let mut seen: FastMap<&str, Option<usize>> = FastMap::default();
    seen.reserve(raw_orders.len());
    for (row, order) in raw_orders.iter_mut() {
        let checked = check(order).and_then(|()| {
            if let Some(&first) = seen.get(order.id.as_str()) {
                return Err(repeated(&order.id, first));
            }
            to_base(order, &base, &rates)
        });
        match checked {
            Ok(()) => {
                settle(order);
                let order: &Order = order;
                seen.insert(order.id.as_str(), *row);
                keep.push(true);
            }
            Err(bad) => {
                errors.push(bad.at(*row, Some(order.id.clone())));
                keep.push(false);
            }
        }
    }
    drop(seen);
    let orders: Vec<Order> = raw_orders
        .into_iter()
        .zip(keep)
        .filter_map(|((_, order), keep)| keep.then_some(order))
        .collect();
    errors.sort_by_key(|e| e.row.unwrap_or(usize::MAX));
    Ok(Import {
        read: raw.read,
        used: orders.len(),
        rejected: errors.len(),
        orders,
        errors,
    })
}

/// The error for a repeated order id; `first` is the first copy's row.
pub(crate) fn repeated(id: &str, first: Option<usize>) -> FieldError {
    let first = first.map_or_else(String::new, |r| format!(" (first in row {r})"));
    FieldError::new(
        "id",
        format!("order id {id} appears more than once{first}"),
        "each order counts once; this copy is ignored (remove repeated rows or overlapping pages)",
    )
}

/// The base currency when the options give none: the most common of the
/// orders' currencies.
pub(crate) fn most_common_currency<'c>(currencies: impl Iterator<Item = &'c str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in currencies {
        *counts.entry(c).or_default() += 1;
    }
    // Ties go to the alphabetically first code, so the result is stable.
    let mut best = ("EUR", 0);
    for (code, n) in counts {
        if n > best.1 && is_currency_code(code) {
            best = (code, n);
        }
    }
    best.0.to_string()
}

fn check(order: &Order) -> Result<(), FieldError> {
    check_parts(
        &order.id,
        &order.customer,
        &order.currency,
        order.placed_at,
        order.total,
        order.status,
    )
}

/// The checks of [`finish`] on one order's fields.
pub(crate) fn check_parts(
    id: &str,
    customer: &str,
    currency: &str,
    placed_at: i64,
    total: i64,
    status: OrderStatus,
) -> Result<(), FieldError> {
    if trim(id).is_empty() {
        return Err(FieldError::new(
            "id",
            "the order id is empty",
            "give every order its shop order number",
        ));
    }
    if trim(customer).is_empty() {
        return Err(FieldError::new(
            "customer",
            "the customer key is empty",
            "give a customer id or, for guests, the e-mail address",
        ));
    }
    if !is_currency_code(currency) {
        return Err(FieldError::new(
            "currency",
            format!("'{currency}' is not a currency code"),
            "use a three-letter ISO code such as EUR",
        ));
    }
    if !(0..LATEST).contains(&placed_at) {
        return Err(FieldError::new(
            "placed_at",
            format!("{placed_at} is not a time between 1970 and 2199 (Unix seconds)"),
            "give placed_at in seconds since 1970-01-01 UTC (not milliseconds), or as an ISO date",
        ));
    }
    if total < 0 {
        return Err(FieldError::new(
            "total",
            format!("the total {total} is negative"),
            "give the gross order total; record refunds as status or refund amount, not as negative orders",
        ));
    }
    if let OrderStatus::PartiallyRefunded { amount } = status {
        if amount < 0 {
            return Err(FieldError::new(
                "status.amount",
                format!("the refunded amount {amount} is negative"),
                "give the refunded amount as a positive number",
            ));
        }
    }
    Ok(())
}

/// Converts the order's amounts into the base currency.
fn to_base(order: &mut Order, base: &str, rates: &HashMap<String, f64>) -> Result<(), FieldError> {
    let amounts = Amounts {
        total: &mut order.total,
        status: &mut order.status,
        items: &mut order.items,
    };
    if convert_parts(&order.currency, base, rates, amounts)? {
        order.currency = base.to_string();
    } else {
        order.currency.make_ascii_uppercase();
    }
    Ok(())
}

/// The amounts of one order, for [`convert_parts`].
pub(crate) struct Amounts<'o> {
    pub total: &'o mut i64,
    pub status: &'o mut OrderStatus,
    pub items: &'o mut [LineItem],
}

/// Converts an order's amounts from `currency` into `base`: `Ok(true)` if
/// they were converted (the order is in `base` now), `Ok(false)` if the
/// order is in `base` already (perhaps written in lower case).
pub(crate) fn convert_parts(
    currency: &str,
    base: &str,
    rates: &HashMap<String, f64>,
    amounts: Amounts<'_>,
) -> Result<bool, FieldError> {
    // Most orders are already in the base currency: no copy for them.
    if currency.len() == base.len()
        && currency
            .bytes()
            .zip(base.bytes())
            .all(|(a, b)| a.to_ascii_uppercase() == b)
    {
        return Ok(false);
    }
    let currency = currency.to_ascii_uppercase();
    let Some(&rate) = rates.get(&currency) else {
        return Err(FieldError::new(
            "currency",
            format!("the order is in {currency}, the base currency is {base}, and no rate for {currency} was given"),
            format!("pass rates: {{ \"{currency}\": <{base} per 1 {currency}> }}, or currency: \"{currency}\" to make it the base"),
        ));
    };
    let (from, to) = (minor_digits(&currency), minor_digits(base));
    let overflow = || {
        FieldError::new(
            "total",
            "the converted amount is too large",
            format!("check the amount and the rate for {currency}"),
        )
    };
    *amounts.total = convert(*amounts.total, from, to, rate).ok_or_else(overflow)?;
    if let OrderStatus::PartiallyRefunded { amount } = amounts.status {
        *amount = convert(*amount, from, to, rate).ok_or_else(overflow)?;
    }
    for item in amounts.items.iter_mut() {
        item.unit_price = convert(item.unit_price, from, to, rate).ok_or_else(overflow)?;
    }
    Ok(true)
}

/// Full refunds recorded as partial ones become refunds; zero partial
/// refunds become completed.
fn settle(order: &mut Order) {
    settle_parts(&mut order.status, order.total);
}

/// [`settle`] on an order's status and total.
pub(crate) fn settle_parts(status: &mut OrderStatus, total: i64) {
    if let OrderStatus::PartiallyRefunded { amount } = *status {
        if amount >= total {
            *status = OrderStatus::Refunded;
        } else if amount <= 0 {
            *status = OrderStatus::Completed;
        }
    }
}

/// Reads canonical JSON: an array of orders or `{"orders": [...]}`.
pub(crate) fn read_canonical(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let items = match value {
        Value::Array(items) => items,
        _ => get(value, &["orders"])
            .and_then(Value::as_array)
            .ok_or_else(|| {
                shape_error(
                    format!("expected a list of orders, found {}", json::kind(value)),
                    "pass an array of orders or { \"orders\": [...] }",
                )
            })?,
    };
    let mut raw = Raw::default();
    for (i, item) in items.iter().enumerate() {
        raw.push(i + 1, canonical_order(item, options));
    }
    finish(raw, options)
}

pub(crate) fn canonical_order(
    v: &Value,
    options: &ReadOptions,
) -> Result<Order, (FieldError, Option<String>)> {
    let id = text(get(v, &["id"]));
    let fail = |bad: FieldError| (bad, id.clone());
    let order_id = id.clone().ok_or_else(|| {
        fail(FieldError::new(
            "id",
            "the order has no id",
            "give every order an \"id\" (string)",
        ))
    })?;
    let customer = text(get(v, &["customer"])).ok_or_else(|| {
        fail(FieldError::new(
            "customer",
            "the order has no customer",
            "give a \"customer\" key: customer id or e-mail",
        ))
    })?;
    let placed_at = match get(v, &["placed_at"]) {
        Some(Value::Number(n)) if n.as_i64().is_none() => {
            return Err(fail(FieldError::new(
                "placed_at",
                format!("placed_at {n} is not whole seconds"),
                "give placed_at in whole seconds since 1970-01-01 UTC (not milliseconds), or as an ISO date",
            )))
        }
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => options.zone().parse_time(s),
        _ => None,
    }
    .ok_or_else(|| {
        fail(FieldError::new(
            "placed_at",
            "placed_at is missing or not a time",
            "give Unix seconds (UTC) or an ISO date such as \"2026-11-01T09:30:00Z\"",
        ))
    })?;
    let currency = text(get(v, &["currency"]))
        .or_else(|| options.currency.clone())
        .unwrap_or_default()
        .to_ascii_uppercase();
    let total = match get(v, &["total"]) {
        Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64().unwrap_or_default(),
        Some(Value::Number(n)) => {
            return Err(fail(FieldError::new(
                "total",
                format!("the total {n} is not a whole number of minor units"),
                "give the gross total in minor units of the currency, e.g. 4990 for 49,90 EUR, 5000 for 5.000 JPY (a decimal total such as 49.9 is not multiplied for you)",
            )))
        }
        _ => {
            return Err(fail(FieldError::new(
                "total",
                "total is missing or not a number",
                "give the gross total in minor units (cents), e.g. 4990 for 49,90",
            )))
        }
    };
    let status = match get(v, &["status"]) {
        None => OrderStatus::Completed,
        Some(Value::String(s)) => match s.as_str() {
            "completed" => OrderStatus::Completed,
            "cancelled" => OrderStatus::Cancelled,
            "refunded" => OrderStatus::Refunded,
            _ => return Err(fail(bad_status(s))),
        },
        Some(s) => OrderStatus::deserialize(s).map_err(|_| fail(bad_status(&s.to_string())))?,
    };
    let mut items = Vec::new();
    for (i, item) in list(get(v, &["items"])).iter().enumerate() {
        items.push(LineItem::deserialize(item).map_err(|e| {
            fail(FieldError::new(
                format!("items[{i}]"),
                format!("not a line item: {e}"),
                "give product_id, name, quantity and unit_price (minor units)",
            ))
        })?);
    }
    Ok(Order {
        id: order_id,
        customer,
        placed_at,
        total,
        currency,
        status,
        items,
    })
}

fn bad_status(found: &str) -> FieldError {
    FieldError::new(
        "status",
        format!("unknown status {found}"),
        "use \"completed\", \"cancelled\", \"refunded\" or { \"kind\": \"partially_refunded\", \"amount\": <minor units> }",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(id: &str, total: i64, currency: &str) -> Order {
        Order::new(id, "k", 1_700_000_000, total, currency)
    }

    #[test]
    fn duplicates_count_once_and_currencies_are_converted_or_rejected() {
        let orders = vec![
            order("1", 1_000, "EUR"),
            order("2", 2_000, "EUR"),
            order("1", 1_000, "EUR"),
            order("3", 10_000, "CHF"),
            order("4", 500, "USD"),
        ];
        let options = ReadOptions {
            rates: [("chf".to_string(), 1.05)].into(),
            ..ReadOptions::default()
        };
        let import = normalize(orders, &options).unwrap();
        assert_eq!((import.read, import.used, import.rejected), (5, 3, 2));
        assert_eq!(import.orders[2].total, 10_500);
        assert_eq!(import.errors[0].row, Some(3));
        assert_eq!(import.errors[0].field, "id");
        assert!(import.errors[0].reason.contains("first in row 1"));
        assert_eq!(import.errors[1].field, "currency");
        assert!(import.errors[1].reason.contains("USD"));
        assert!(import.errors[1].fix.contains("\"USD\""));
    }

    #[test]
    fn bad_options_are_errors() {
        let bad_rate = ReadOptions {
            rates: [("CHF".to_string(), -1.0)].into(),
            ..ReadOptions::default()
        };
        assert_eq!(normalize(vec![], &bad_rate).unwrap_err().field, "rates.CHF");
        let bad_base = ReadOptions {
            currency: Some("Euro".into()),
            ..ReadOptions::default()
        };
        assert_eq!(normalize(vec![], &bad_base).unwrap_err().field, "currency");
    }

    #[test]
    fn partial_refunds_settle() {
        let mut full = order("1", 1_000, "EUR");
        full.status = OrderStatus::PartiallyRefunded { amount: 1_000 };
        let mut none = order("2", 1_000, "EUR");
        none.status = OrderStatus::PartiallyRefunded { amount: 0 };
        let import = normalize(vec![full, none], &ReadOptions::default()).unwrap();
        assert_eq!(import.orders[0].status, OrderStatus::Refunded);
        assert_eq!(import.orders[1].status, OrderStatus::Completed);
    }
}
