//! The fast path of [`super::json::read_table`]: a hand-written reader for
//! clean canonical-order JSON that fills the table builder directly, an
//! accelerator of the one canonical order definition
//! ([`crate::orders::read`], format canonical).
//!
//! It reads what that definition reads and gives the same rows, or gives up
//! (`None`) on anything it does not handle the same way: a `\u` escape, a
//! number that is not a plain integer where one is needed (`-0`, `1.0`,
//! `1e3`), a numeric id, a text with blanks around it, a currency that is
//! not three letters, a repeated field or `"orders"` key, a missing field,
//! an unusual status, deep nesting, a byte order mark. The caller then
//! reads the text with the definition, which also names every bad order.
//! Giving up is always safe; accepting differently would not be, so every
//! rule here errs towards giving up. `tests/fuzz` (target `segments_json`)
//! compares the two on random input.

use std::borrow::Cow;

use super::table::{Builder, OrderRow};
use crate::calendar::Zone;
use crate::money::is_currency_code;
use crate::orders::keeper::Parsed;
use crate::orders::{trim, LineItem, OrderStatus};

/// One clean order as the scanner read it: the common pass's order type,
/// so that the admin's streaming import hands it on without a copy.
pub(crate) type Scanned<'a> = Parsed<'a>;

fn push_to<'a>(order: Scanned<'a>, builder: &mut Builder<'a>, row: usize) {
    builder.push(
        row,
        OrderRow {
            id: order.id,
            customer: order.customer,
            placed_at: order.placed_at,
            total: order.total,
            status: order.status,
            currency: &order.currency,
            items: &order.items,
        },
    );
}

/// A text the definition reads the same: not empty, nothing to trim.
fn clean(text: Cow<'_, str>) -> Option<Cow<'_, str>> {
    (!text.is_empty() && trim(&text).len() == text.len()).then_some(text)
}

/// Reads all orders into `builder`; `None` if the text needs the serde path.
pub(super) fn scan<'a>(text: &'a str, builder: &mut Builder<'a>, zone: &Zone) -> Option<()> {
    let mut s = Scanner::new(text, zone);
    s.ws();
    match s.peek()? {
        b'[' => s.orders(builder)?,
        b'{' => {
            s.pos += 1;
            let mut found = false;
            if !s.eat(b'}') {
                loop {
                    let key = s.string()?;
                    s.colon()?;
                    if key == "orders" {
                        if found {
                            return None;
                        }
                        found = true;
                        s.orders(builder)?;
                    } else {
                        s.skip(0)?;
                    }
                    if !s.comma_or(b'}')? {
                        break;
                    }
                }
            }
            if !found {
                return None;
            }
        }
        _ => return None,
    }
    s.ws();
    (s.pos == text.len()).then_some(())
}

/// One canonical order (an element of the orders array, nothing around
/// it but whitespace) read by the fast path, or `None` where the
/// definition must read it: the admin's streaming import reads each
/// order this way.
pub(crate) fn scan_order<'a>(text: &'a str, zone: &Zone) -> Option<Scanned<'a>> {
    let mut s = Scanner::new(text, zone);
    let order = s.order()?;
    s.ws();
    (s.pos == text.len()).then_some(order)
}

/// Where a scanned order ends in its text, and the line breaks in it.
pub(crate) struct Extent {
    pub len: usize,
    pub newlines: usize,
    pub last_newline: Option<usize>,
}

/// [`scan_order`] on a text that goes on after the order: the order and
/// its extent, or `None` (also when the text ends inside it).
pub(crate) fn scan_order_at<'a>(text: &'a str, zone: &Zone) -> Option<(Scanned<'a>, Extent)> {
    let mut s = Scanner::new(text, zone);
    let order = s.order()?;
    let extent = Extent {
        len: s.pos,
        newlines: s.newlines,
        last_newline: s.last_newline,
    };
    Some((order, extent))
}

struct Scanner<'a, 'z> {
    text: &'a str,
    pos: usize,
    /// Line breaks skipped so far, and where the last one was.
    newlines: usize,
    last_newline: Option<usize>,
    /// The shop's zone, for `placed_at` written as a date.
    zone: &'z Zone,
}

/// Nesting deeper than this is left to serde (which has its own limit).
const MAX_DEPTH: usize = 64;

// The small helpers are called per byte or token: inlined even in the
// admin build, which is otherwise optimised for size.
impl<'a, 'z> Scanner<'a, 'z> {
    fn new(text: &'a str, zone: &'z Zone) -> Self {
        Scanner {
            text,
            pos: 0,
            newlines: 0,
            last_newline: None,
            zone,
        }
    }
}

impl<'a> Scanner<'a, '_> {
    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\r' | b'\t') => {}
                // Counted for the streaming import's line numbers (a clean
                // text has line breaks only between tokens).
                Some(b'\n') => {
                    self.newlines += 1;
                    self.last_newline = Some(self.pos);
                }
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// Skips whitespace and takes `b` if it comes next.
    #[inline(always)]
    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline(always)]
    fn colon(&mut self) -> Option<()> {
        self.eat(b':').then_some(())
    }

    /// After a member or element: `true` on a comma (more follow), `false`
    /// on `close`.
    #[inline(always)]
    fn comma_or(&mut self, close: u8) -> Option<bool> {
        if self.eat(b',') {
            Some(true)
        } else if self.eat(close) {
            Some(false)
        } else {
            None
        }
    }

    /// A string; borrowed unless it has (simple) escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        if !self.eat(b'"') {
            return None;
        }
        let bytes = self.bytes();
        let mut owned: Option<String> = None;
        let mut run = self.pos;
        loop {
            let rest = bytes.get(self.pos..)?;
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            match *bytes.get(self.pos)? {
                b'"' => {
                    let tail = self.text.get(run..self.pos)?;
                    self.pos += 1;
                    return Some(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.text.get(run..self.pos)?);
                    let c = match *bytes.get(self.pos + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        // \u escapes (and surrogate pairs) are left to serde.
                        _ => return None,
                    };
                    s.push(c);
                    self.pos += 2;
                    run = self.pos;
                }
                // JSON forbids raw control characters in strings.
                _ => return None,
            }
        }
    }

    /// The digits of a JSON number: (is it a plain integer, the literal).
    fn number(&mut self) -> Option<(bool, &'a str)> {
        self.ws();
        let bytes = self.bytes();
        let start = self.pos;
        let digit = |p: usize| bytes.get(p).is_some_and(u8::is_ascii_digit);
        let mut p = start;
        if bytes.get(p) == Some(&b'-') {
            p += 1;
        }
        match bytes.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                while digit(p) {
                    p += 1;
                }
            }
            _ => return None,
        }
        let mut integer = true;
        if bytes.get(p) == Some(&b'.') {
            integer = false;
            p += 1;
            if !digit(p) {
                return None;
            }
            while digit(p) {
                p += 1;
            }
        }
        if let Some(b'e' | b'E') = bytes.get(p) {
            integer = false;
            p += 1;
            if let Some(b'+' | b'-') = bytes.get(p) {
                p += 1;
            }
            if !digit(p) {
                return None;
            }
            while digit(p) {
                p += 1;
            }
        }
        self.pos = p;
        Some((integer, self.text.get(start..p)?))
    }

    /// A whole number that fits an i64 (what serde reads into an i64);
    /// `-0` is a float to serde, so it is left to the definition.
    fn int(&mut self) -> Option<i64> {
        match self.number()? {
            (true, literal) if literal != "-0" => literal.parse().ok(),
            _ => None,
        }
    }

    /// `placed_at`: Unix seconds, or a date read by the day rule.
    fn time(&mut self) -> Option<i64> {
        self.ws();
        if self.peek()? == b'"' {
            self.zone.parse_time(&self.string()?)
        } else {
            self.int()
        }
    }

    /// A plain decimal number (no exponent, at most 20 characters, so
    /// that every parser rounds it alike), as f64.
    fn decimal(&mut self) -> Option<f64> {
        let (_, literal) = self.number()?;
        if literal.len() > 20 || literal.contains(['e', 'E']) {
            return None;
        }
        literal.parse().ok()
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.ws();
        let end = self.pos + word.len();
        (self.text.get(self.pos..end)? == word).then(|| self.pos = end)
    }

    /// Skips any value, checking it as strictly as reading it would.
    fn skip(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                self.pos += 1;
                if self.eat(b'}') {
                    return Some(());
                }
                loop {
                    self.string()?;
                    self.colon()?;
                    self.skip(depth + 1)?;
                    if !self.comma_or(b'}')? {
                        return Some(());
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                if self.eat(b']') {
                    return Some(());
                }
                loop {
                    self.skip(depth + 1)?;
                    if !self.comma_or(b']')? {
                        return Some(());
                    }
                }
            }
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => self.number().map(drop),
        }
    }

    /// The array of orders, each pushed as it is read.
    fn orders(&mut self, builder: &mut Builder<'a>) -> Option<()> {
        if !self.eat(b'[') {
            return None;
        }
        if self.eat(b']') {
            return Some(());
        }
        let mut row = 0;
        loop {
            row += 1;
            push_to(self.order()?, builder, row);
            if !self.comma_or(b']')? {
                return Some(());
            }
        }
    }

    fn order(&mut self) -> Option<Scanned<'a>> {
        if !self.eat(b'{') {
            return None;
        }
        let mut id = None;
        let mut customer = None;
        let mut placed_at = None;
        let mut total = None;
        let mut currency = None;
        let mut status = None;
        let mut items = None;
        if !self.eat(b'}') {
            loop {
                let key = name_of(self.string()?.as_bytes());
                self.colon()?;
                match key {
                    ID => once(&mut id, clean(self.string()?)?)?,
                    CUSTOMER => once(&mut customer, clean(self.string()?)?)?,
                    PLACED_AT => once(&mut placed_at, self.time()?)?,
                    TOTAL => once(&mut total, self.int()?)?,
                    CURRENCY => {
                        let code = self.string()?;
                        if !is_currency_code(&code) {
                            return None;
                        }
                        once(&mut currency, code)?
                    }
                    STATUS => once(&mut status, self.status()?)?,
                    ITEMS => once(&mut items, self.items()?)?,
                    _ => self.skip(1)?,
                }
                if !self.comma_or(b'}')? {
                    break;
                }
            }
        }
        Some(Scanned {
            id: id?,
            customer: customer?,
            placed_at: placed_at?,
            total: total?,
            currency: currency?,
            status: status.unwrap_or_default(),
            items: items.unwrap_or_default(),
        })
    }

    /// `{"kind": ...}` with `amount` for a partial refund, nothing else.
    fn status(&mut self) -> Option<OrderStatus> {
        if !self.eat(b'{') {
            return None;
        }
        let mut kind = None;
        let mut amount = None;
        loop {
            let key = name_of(self.string()?.as_bytes());
            self.colon()?;
            match key {
                KIND => once(&mut kind, self.string()?)?,
                AMOUNT => once(&mut amount, self.int()?)?,
                _ => return None,
            }
            if !self.comma_or(b'}')? {
                break;
            }
        }
        match (kind?.as_ref(), amount) {
            ("completed", None) => Some(OrderStatus::Completed),
            ("cancelled", None) => Some(OrderStatus::Cancelled),
            ("refunded", None) => Some(OrderStatus::Refunded),
            ("partially_refunded", Some(amount)) => Some(OrderStatus::PartiallyRefunded { amount }),
            _ => None,
        }
    }

    fn items(&mut self) -> Option<Vec<LineItem>> {
        if !self.eat(b'[') {
            return None;
        }
        let mut out = Vec::new();
        if self.eat(b']') {
            return Some(out);
        }
        loop {
            out.push(self.item()?);
            if !self.comma_or(b']')? {
                return Some(out);
            }
        }
    }

    /// A line item; every field may be missing (serde's defaults).
    fn item(&mut self) -> Option<LineItem> {
        if !self.eat(b'{') {
            return None;
        }
        let mut item = LineItem::default();
        let mut seen = [false; 6];
        if self.eat(b'}') {
            return Some(item);
        }
        loop {
            let key = name_of(self.string()?.as_bytes());
            self.colon()?;
            let field = match key {
                PRODUCT_ID => 0,
                SKU => 1,
                NAME => 2,
                CATEGORY => 3,
                QUANTITY => 4,
                UNIT_PRICE => 5,
                _ => {
                    self.skip(2)?;
                    if !self.comma_or(b'}')? {
                        return Some(item);
                    }
                    continue;
                }
            };
            if std::mem::replace(&mut seen[field], true) {
                return None;
            }
            match field {
                0 => item.product_id = self.string()?.into_owned(),
                1 => item.sku = self.nullable_string()?,
                2 => item.name = self.string()?.into_owned(),
                3 => item.category = self.nullable_string()?,
                4 => item.quantity = self.decimal()?,
                _ => item.unit_price = self.int()?,
            }
            if !self.comma_or(b'}')? {
                return Some(item);
            }
        }
    }

    fn nullable_string(&mut self) -> Option<Option<String>> {
        self.ws();
        if self.peek()? == b'n' {
            self.literal("null")?;
            Some(None)
        } else {
            Some(Some(self.string()?.into_owned()))
        }
    }
}

/// A field name as two numbers: its first 8 bytes, and the next 7 with
/// its length in the top byte; (0, 0) for names over 15 bytes (no field
/// has such a name). Comparing numbers is much cheaper than comparing
/// texts, which a build for size does with a function call each time.
const fn name(b: &[u8]) -> (u64, u64) {
    if b.len() > 15 {
        return (0, 0);
    }
    let mut v = [0u64, (b.len() as u64) << 56];
    let mut i = 0;
    while i < b.len() {
        v[i / 8] |= (b[i] as u64) << (8 * (i % 8));
        i += 1;
    }
    (v[0], v[1])
}

/// `name` for the text at hand: the same two numbers, built from two
/// 8-byte loads instead of byte by byte.
#[inline(always)]
fn name_of(b: &[u8]) -> Name {
    let mut buf = [0u8; 16];
    match buf.get_mut(..b.len()) {
        Some(slot) if b.len() <= 15 => slot.copy_from_slice(b),
        _ => return (0, 0),
    }
    buf[15] = b.len() as u8;
    let [a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7] = buf;
    (
        u64::from_le_bytes([a0, a1, a2, a3, a4, a5, a6, a7]),
        u64::from_le_bytes([b0, b1, b2, b3, b4, b5, b6, b7]),
    )
}

type Name = (u64, u64);
const ID: Name = name(b"id");
const CUSTOMER: Name = name(b"customer");
const PLACED_AT: Name = name(b"placed_at");
const TOTAL: Name = name(b"total");
const CURRENCY: Name = name(b"currency");
const STATUS: Name = name(b"status");
const ITEMS: Name = name(b"items");
const KIND: Name = name(b"kind");
const AMOUNT: Name = name(b"amount");
const PRODUCT_ID: Name = name(b"product_id");
const SKU: Name = name(b"sku");
const NAME: Name = name(b"name");
const CATEGORY: Name = name(b"category");
const QUANTITY: Name = name(b"quantity");
const UNIT_PRICE: Name = name(b"unit_price");

/// Sets a field that must not appear twice (serde rejects duplicates).
#[inline(always)]
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

// Native only: proptest is not built for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::json::read_orders;
    use super::super::OrderTable;
    use super::*;
    use proptest::prelude::*;

    /// The fast path's table, or `None` where it gives up or the input is
    /// not clean (then `read_table` asks the definition).
    fn fast(text: &str) -> Option<String> {
        let mut builder = Builder::new(None);
        scan(text, &mut builder, &Zone::UTC)?;
        let table = builder.finish();
        let clean = table.report().errors.is_empty() && table.report().duplicates == 0;
        clean.then(|| format!("{table:?}"))
    }

    /// The table of the canonical order definition.
    fn definition(text: &str) -> Option<String> {
        let import = read_orders(text).ok()?;
        Some(format!(
            "{:?}",
            OrderTable::from_orders_in(&import.orders, None)
        ))
    }

    #[test]
    fn field_names_compare_as_numbers() {
        for n in [
            "",
            "id",
            "customer",
            "placed_at",
            "product_id",
            "123456789012345",
            "1234567890123456",
            "ä",
        ] {
            assert_eq!(name_of(n.as_bytes()), name(n.as_bytes()), "{n}");
        }
        assert_ne!(name_of(b"id\0"), ID);
        assert_eq!(name_of(b"1234567890123456"), (0, 0));
    }

    #[test]
    fn reads_what_serde_reads_and_the_same_way() {
        let text = r#" { "meta": {"x": [1, 2.5e3, true, null, "ä\/"]},
          "orders": [
            {"id": "1", "customer": "Jürgen \"J\" Groß", "placed_at": 1700000000, "total": 4990,
             "currency": "EUR", "extra": [[{}], -0.5], "items": [
               {"product_id": "ESP-01", "sku": null, "name": "Espresso\n250 g", "category": "Kaffee", "quantity": 2, "unit_price": 1495},
               {"name": "Filter", "quantity": 0.5, "future": {"a": "b"}},
               {}
             ]},
            {"status": {"amount": 500, "kind": "partially_refunded"}, "id": "2", "customer": "anna",
             "placed_at": 1700086400, "total": 2000, "currency": "eur"},
            {"id": "3", "customer": "anna", "placed_at": 1700172800, "total": 100, "currency": "EUR", "status": {"kind": "cancelled"}},
            {"id": "5", "customer": "ben", "placed_at": "2026-11-01T09:30:00+01:00", "total": 100, "currency": "EUR"},
            {"id": "4", "customer": "ben", "placed_at": 5, "total": 100, "currency": "EUR", "items": []}
          ] }
        "#;
        let fast = fast(text).expect("the fast path reads this");
        assert_eq!(Some(fast), definition(text));
    }

    #[test]
    fn gives_up_where_the_definition_would_differ_or_fail() {
        let order = |fields: &str| {
            format!(r#"[{{"id": "1", "customer": "a", "currency": "EUR", {fields}}}]"#)
        };
        for text in [
            order(r#""placed_at": 1, "total": 1.0"#),
            order(r#""placed_at": 1, "total": 1e3"#),
            order(r#""placed_at": 1, "total": 99999999999999999999"#),
            order(r#""placed_at": 1, "total": 1, "total": 2"#),
            order(r#""placed_at": 1"#),
            order(r#""placed_at": 1, "total": 1, "status": null"#),
            order(r#""placed_at": 1, "total": 1, "status": {"kind": "completed", "amount": 1}"#),
            order(r#""placed_at": 1, "total": 1, "status": {"kind": "lost"}"#),
            order(r#""placed_at": 1, "total": 1, "items": [{"quantity": 1e-400}]"#),
            order(r#""placed_at": 1, "total": 1, "items": [{"name": null}]"#),
            order(r#""placed_at": 01, "total": 1"#),
            r#"[{"id": "\u0031", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            "[{\"id\": \"1\t\", \"customer\": \"a\", \"placed_at\": 1, \"total\": 1, \"currency\": \"EUR\"}]".into(),
            r#"[{"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"},]"#.into(),
            r#"[{"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}] x"#.into(),
            r#"{"orders": [], "orders": []}"#.into(),
            r#"{"data": []}"#.into(),
            "\u{feff}[]".into(),
            order(r#""placed_at": 1, "total": -0"#),
            order(r#""placed_at": -0, "total": 1"#),
            order(r#""placed_at": 1, "total": 1e999"#),
            r#"[{"id": 1, "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            r#"[{"id": " 1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            r#"[{"id": "1", "customer": "", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            r#"[{"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EURO"}]"#.into(),
            r#"[{"id": "1", "customer": "a", "placed_at": 1, "total": 1}]"#.into(),
            r#"[{"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}, {"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            r#"[{"id": "\ud800", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]"#.into(),
            r#"[{"id": "1", "customer": "a", "placed_at": "gestern", "total": 1, "currency": "EUR"}]"#.into(),
            format!("[{{\"id\": \"1\", \"x\": {}1{}}}]", "[".repeat(100), "]".repeat(100)),
        ] {
            assert_eq!(fast(&text), None, "{text}");
        }
        // read_table gives what the definition gives, wherever the fast
        // path gave up.
        for text in [
            order(r#""placed_at": 1, "total": 1, "status": {"kind": "completed", "amount": 1}"#),
            order(r#""placed_at": 1, "total": -0"#),
            "\u{feff}[]".into(),
            r#"{"orders": [], "orders": [{"id": "1", "customer": "a", "placed_at": 1, "total": 1, "currency": "EUR"}]}"#.into(),
        ] {
            let (table, errors) = crate::segments::json::read_table(&text, None).unwrap();
            let import = read_orders(&text).unwrap();
            assert_eq!(errors, import.errors, "{text}");
            assert_eq!(Some(format!("{table:?}")), definition(&text), "{text}");
        }
    }

    fn json_string(s: &str) -> String {
        serde_json::to_string(s).unwrap_or_default()
    }

    proptest! {
        /// Random clean orders, spaced and ordered at random: the fast path
        /// reads them, and its table equals the definition's.
        #[test]
        fn agrees_with_serde(
            orders in proptest::collection::vec(
                (0u8..6, "[a-zA-Zäß0-9\"\\\\/]{1,8}", 0i64..2_000_000_000, 0i64..100_000, 0u8..5, 0i64..200_000,
                 proptest::collection::vec(("[a-z0-9\"]{0,5}", proptest::option::of("[A-Z]{0,3}"), 0u32..2000), 0..3)),
                0..30),
            spaces in proptest::collection::vec(0usize..3, 64),
            wrapped in any::<bool>(),
        ) {
            let ws = |i: usize| [" ", "", "\n\t "][spaces[i % spaces.len()]];
            let mut text = String::from(if wrapped { "{\"n\": 1, \"orders\":" } else { "" });
            text.push('[');
            for (i, (id, customer, placed_at, total, status, amount, items)) in orders.iter().enumerate() {
                if i > 0 { text.push(','); }
                let mut fields = vec![
                    format!("\"id\":{}{}", ws(i), json_string(&format!("{id}-{i}"))),
                    format!("\"customer\"{}:{}", ws(i + 1), json_string(customer)),
                    format!("\"placed_at\": {placed_at}"),
                    format!("\"total\":{total}{}", ws(i + 2)),
                    format!("\"currency\": {}", json_string(if i % 7 == 3 { "eur" } else { "EUR" })),
                ];
                match status {
                    1 => fields.push("\"status\": {\"kind\": \"cancelled\"}".into()),
                    2 => fields.push("\"status\": {\"kind\":\"refunded\"}".into()),
                    3 => fields.push(format!("\"status\": {{\"kind\": \"partially_refunded\", \"amount\": {amount}}}")),
                    _ => {}
                }
                if !items.is_empty() {
                    let list: Vec<String> = items.iter().map(|(p, c, q)| format!(
                        "{{\"product_id\": {}, \"category\": {}, \"quantity\": {}.{}}}",
                        json_string(p),
                        c.as_deref().map_or("null".to_string(), json_string),
                        q / 1000, q % 1000
                    )).collect();
                    fields.push(format!("\"items\": [{}]", list.join(",")));
                }
                let n = fields.len();
                if i % 3 == 0 { fields.rotate_left(i % n); }
                text.push_str(&format!("{}{{{}}}", ws(i + 3), fields.join(",")));
            }
            text.push(']');
            if wrapped { text.push('}'); }
            let fast = fast(&text);
            prop_assert!(fast.is_some(), "the fast path gave up on {}", text);
            prop_assert_eq!(fast, definition(&text));
        }

        /// Clean orders with tricky text spliced in anywhere: read_table
        /// (fast path or not) gives exactly what the definition gives, or
        /// the same whole-input error.
        #[test]
        fn read_table_is_the_definition(
            cut in 0usize..400,
            piece in proptest::sample::select(vec![
                "-0", "\\ud800", "\u{feff}", "1e999", "\"orders\": [],", "\"id\": \"9\",",
                "\"total\": 1,", ",", "]", "}", "{", "\"", " ", "0.5", "\"placed_at\": \"2026-11-01\",",
                "\"currency\": \"JPY\",", "1700000000000", "null", "\"status\": \"refunded\",",
            ]),
            wrapped in any::<bool>(),
        ) {
            let orders = r#"[{"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"},
                {"id": "2", "customer": "ben", "placed_at": 1700086400, "total": 100, "currency": "EUR", "status": {"kind": "cancelled"}},
                {"id": "3", "customer": "anna", "placed_at": 1700172800, "total": 250, "currency": "EUR", "items": [{"product_id": "P", "quantity": 2}]}]"#;
            let base = if wrapped { format!("{{\"orders\": {orders}}}") } else { orders.to_string() };
            let at = (0..=cut.min(base.len())).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
            let text = format!("{}{}{}", &base[..at], piece, &base[at..]);
            let fast = crate::segments::json::read_table(&text, None);
            match (fast, read_orders(&text)) {
                (Ok((table, errors)), Ok(import)) => {
                    prop_assert_eq!(errors, import.errors);
                    let careful = OrderTable::from_orders_in(&import.orders, None);
                    prop_assert_eq!(format!("{table:?}"), format!("{careful:?}"));
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "{:?} vs {:?} on {}", a.map(|_| ()), b.map(|_| ()), text),
            }
        }
    }
}
