//! The common pass of [`finish`](super::normalize::finish) for orders on
//! their way straight into the order table, piece by piece: the admin's
//! streaming imports (CSV and JSON) share it.

use super::normalize::{check_parts, convert_parts, repeated, settle_parts, Amounts};
use super::{LineItem, Order, OrderStatus, RowError};
use crate::segments::{Builder, OrderRow};
use std::borrow::Cow;
use std::collections::HashMap;

/// One order as the reader finds it, before the common checks
/// ([`finish`](super::normalize::finish)): texts borrowed from the
/// input text where they can be.
pub(crate) struct Parsed<'a> {
    pub id: Cow<'a, str>,
    pub customer: Cow<'a, str>,
    pub placed_at: i64,
    pub total: i64,
    /// Upper case.
    pub currency: Cow<'a, str>,
    pub status: OrderStatus,
    pub items: Vec<LineItem>,
}

impl Parsed<'_> {
    pub(crate) fn into_order(self) -> Order {
        Order {
            id: self.id.into_owned(),
            customer: self.customer.into_owned(),
            placed_at: self.placed_at,
            total: self.total,
            currency: self.currency.into_owned(),
            status: self.status,
            items: self.items,
        }
    }
}

/// The common pass of [`finish`](crate::orders::normalize::finish) for
/// orders on their way into the table.
pub(crate) struct Keeper<'b> {
    pub base: String,
    pub rates: HashMap<String, f64>,
    pub errors: Vec<RowError>,
    /// The first kept order's currency.
    pub currency: Option<String>,
    pub builder: &'b mut Builder<'static>,
}

impl Keeper<'_> {
    /// Checks, converts and pushes one order, or records why not.
    #[inline]
    pub(crate) fn keep(&mut self, line: usize, mut o: Parsed<'_>) {
        let checked = check_parts(
            &o.id,
            &o.customer,
            &o.currency,
            o.placed_at,
            o.total,
            o.status,
        )
        .and_then(|()| {
            // The table knows the rows of the ids kept so far, in every
            // piece: a repeated id is a row error, as in `finish`.
            if let Some(first) = self.builder.first_row(&o.id) {
                return Err(repeated(&o.id, Some(first)));
            }
            let amounts = Amounts {
                total: &mut o.total,
                status: &mut o.status,
                items: &mut o.items,
            };
            convert_parts(&o.currency, &self.base, &self.rates, amounts)
        });
        match checked {
            Ok(converted) => {
                if converted {
                    o.currency = Cow::Owned(self.base.clone());
                }
                settle_parts(&mut o.status, o.total);
                if self.currency.is_none() {
                    self.currency = Some(o.currency.to_string());
                }
                self.builder.push_new(
                    line,
                    OrderRow {
                        id: Cow::Borrowed(&o.id),
                        customer: Cow::Borrowed(&o.customer),
                        placed_at: o.placed_at,
                        total: o.total,
                        status: o.status,
                        currency: &o.currency,
                        items: &o.items,
                    },
                );
            }
            Err(bad) => self
                .errors
                .push(bad.at(Some(line), Some(o.id.into_owned()))),
        }
    }
}
