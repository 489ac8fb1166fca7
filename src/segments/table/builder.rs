//! Building the table order by order, for every input that comes as
//! orders (canonical orders, the CSV and JSON readers): one place sorts
//! out repeated ids, cancellations, missing keys and foreign currencies.

use std::borrow::Cow;

use super::ids::{CustomerIds, FastMap, IdRows};
use super::{OrderTable, Product, LATEST, NO_CATEGORY};
use crate::orders::{trim, LineItem, Order, OrderStatus, RowError};

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
            b.push(i + 1, OrderRow::from(order));
        }
        b.finish()
    }
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

impl<'a> From<&'a Order> for OrderRow<'a, 'a> {
    /// The order's texts borrowed.
    fn from(order: &'a Order) -> Self {
        OrderRow {
            id: Cow::Borrowed(&order.id),
            customer: Cow::Borrowed(&order.customer),
            placed_at: order.placed_at,
            total: order.total,
            status: order.status,
            currency: &order.currency,
            items: &order.items,
        }
    }
}

/// Builds an [`OrderTable`] order by order: repeated ids, cancelled
/// orders, missing keys and foreign currencies are sorted out here, for
/// every input path alike.
pub(crate) struct Builder<'a> {
    t: OrderTable,
    /// The row of each order id kept so far.
    seen: IdRows<'a>,
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
            seen: IdRows::default(),
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
        self.add(row, &o, false, || o.id.clone());
    }

    /// Adds an order whose id [`Builder::first_row`] has just not found
    /// (the common pass of the streaming imports) and whose texts live
    /// shorter than the builder (a piece of a file): an id that must be
    /// kept is copied.
    pub fn push_new(&mut self, row: usize, o: OrderRow<'_, '_>) {
        self.add(row, &o, true, || Cow::Owned(o.id.to_string()));
    }

    /// The row of the kept order with this id, if there is one.
    pub fn first_row(&self, id: &str) -> Option<usize> {
        self.seen.get(id)
    }

    fn add(
        &mut self,
        row: usize,
        o: &OrderRow<'_, '_>,
        new: bool,
        own: impl FnOnce() -> Cow<'a, str>,
    ) {
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
        if !o.id.is_empty() {
            if !new && self.seen.get(&o.id).is_some() {
                t.report.duplicates += 1;
                return;
            }
            self.seen.insert_with(&o.id, row, own);
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
}
