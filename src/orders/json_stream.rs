//! Reading a large JSON export in pieces (the admin's streaming import),
//! for every JSON format: memory is bounded by the order table and one
//! piece, not by the file.
//!
//! A cutter follows the document's structure as the bytes arrive (nesting,
//! strings, escapes, and the keys of the few objects that lead to the
//! orders) and cuts out each order element as soon as it is complete,
//! numbered in document order across pages: the row numbers of
//! [`read`](super::read). It finds the orders where the whole-file readers
//! look for them (`[...]` or `{"orders": [...]}`, pages, GraphQL
//! `data.orders.edges[].node` / `nodes[]`, Shopware `{"data": [...]}`).
//! Text outside the orders is checked as JSON and dropped.
//!
//! Each piece's orders go through the same common pass as CSV pieces
//! ([`Keeper`]): canonical orders through the fast scanner, else
//! `serde_json` and the canonical definition for that one order; shop
//! orders as one transient `serde_json::Value` each, mapped by the
//! format's own per-order function. The result equals the whole-file
//! reader's (a repeated order id is named with its first row, whichever
//! piece that lies in) with these differences:
//! - without a base currency in the options, the first piece's most
//!   common currency is the base (the whole-file reader takes the whole
//!   file's);
//! - each piece is UTF-8 or, if not, Windows-1252 on its own;
//! - a few shapes no shop API returns are errors instead of being read:
//!   a key leading to the orders given twice in one object, a GraphQL
//!   page with both `orders` and `data.orders` (or a connection with both
//!   `nodes` and non-empty `edges` after them), and a list that begins as
//!   a list of pages and then holds something else (or the reverse).

use super::field_error::FieldError;
use super::json::{get, list, shape_error, text};
use super::keeper::{Keeper, Parsed};
use super::normalize::{canonical_order, most_common_currency};
use super::{encoding, shopify, shopware, woocommerce, Format, ReadOptions, RowError};
use crate::calendar::Zone;
use crate::segments::{scan_order, scan_order_at, Builder, OrderTable, Scanned};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// JSON is read in pieces of about this many bytes (as CSV).
pub const PIECE: usize = 8 << 20;

/// The canonical format's hint (as [`crate::segments::json`] gives it).
const HINT: &str = "pass a JSON array of orders, e.g. [{\"id\": \"1\", \"customer\": \"anna\", \"placed_at\": 1700000000, \"total\": 4990, \"currency\": \"EUR\"}]";

/// The shop formats' fix for text that is not JSON (as [`super::read`]).
const AS_RETURNED: &str = "pass the response body exactly as the shop's API returned it";

/// What a cut element is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// An order.
    Order,
    /// An order of a bare list in a paged format (Shopify REST,
    /// Shopware): it must not be a page, or the list mixes both.
    Listed,
    /// A GraphQL edge: the order is its `node`.
    Edge,
    /// A GraphQL page's `errors` (read at once, not an order).
    Errors,
}

/// One complete element: its bytes in the buffer and its row, and the
/// order if the fast scanner read it already (clean canonical orders).
struct Cut<'t> {
    row: usize,
    start: usize,
    end: usize,
    kind: Kind,
    fast: Option<Scanned<'t>>,
}

/// Why a document cannot be read at all.
#[derive(Debug, Clone, PartialEq)]
#[doc(hidden)]
pub enum Fail {
    /// Not JSON: what is wrong, ending in "at line L column C".
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON of the wrong shape.
    Shape(RowError),
}

impl Fail {
    /// The error as [`super::read`] words it.
    pub fn into_error(self) -> RowError {
        match self {
            Fail::Syntax { message, .. } => RowError {
                row: None,
                order_id: None,
                field: "input".into(),
                reason: format!("not valid JSON: {message}"),
                fix: AS_RETURNED.into(),
            },
            Fail::Shape(e) => e,
        }
    }

    /// The error as [`crate::segments::json::read_table`] words it for
    /// canonical JSON: `line L, column C: what; how to fix`.
    pub fn canonical(&self) -> String {
        match self {
            Fail::Syntax {
                line,
                column,
                message,
            } => format!("line {line}, column {column}: {message}; {HINT}"),
            Fail::Shape(e) => format!("line 1, column 1: {}; {}", e.reason, e.fix),
        }
    }
}

/// What the role of an open container is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    /// Checked and dropped.
    Skip,
    /// An array whose elements are cut out.
    Elements(Kind),
    /// An object holding the orders under the format's key: canonical and
    /// WooCommerce `{"orders": [...]}`, a Shopify REST or Shopware page.
    Holder,
    /// The top-level array of a paged format: its first element decides
    /// whether it is a list of pages or of orders.
    TopList,
    /// The first element of a `TopList`, an object: a page if it has the
    /// format's key, else an order (kept in the buffer until known).
    Undecided,
    GqlPages,
    GqlPage,
    GqlData,
    GqlConnection,
}

/// What comes next in an open container.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    KeyOrEnd,
    Key,
    Colon,
    ValueOrEnd,
    Value,
    CommaOrEnd,
}

/// What a value at some place is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Slot {
    Skip,
    Root,
    Element(Kind),
    /// The format's key in a `Holder` or `Undecided` object.
    Orders,
    /// An element of a `TopList`.
    TopItem,
    GqlPage,
    GqlData,
    /// `orders` in a page (`false`) or in `data` (`true`).
    GqlOrders(bool),
    GqlEdges,
    GqlNodes,
}

#[derive(Clone, Copy, Debug)]
struct Ctx {
    object: bool,
    role: Role,
    expect: Expect,
    /// The value slot of the current key (objects).
    slot: Slot,
    /// Keys that led somewhere, to refuse them twice.
    seen: u8,
    /// A `Holder` found its orders.
    found: bool,
}

/// An element being cut.
#[derive(Clone, Copy, Debug)]
struct Elem {
    start: usize,
    /// Where cutting goes on.
    at: usize,
    depth: usize,
    string: bool,
    kind: Kind,
}

/// How the elements of a `TopList` turned out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Unknown,
    Pages,
    Bare,
}

/// The state of the current GraphQL page.
#[derive(Debug, Default)]
struct GqlPage {
    /// Where its connection is: `Some(true)` `data.orders`, `Some(false)` `orders`.
    connection: Option<bool>,
    /// Orders cut from it.
    cut: usize,
    /// Messages of its `errors`.
    messages: Vec<String>,
    /// Edges and nodes cut from the current connection.
    edges: usize,
    nodes: usize,
}

/// Follows a JSON document's structure over a growing buffer and cuts out
/// its order elements; see the module docs.
#[derive(Debug)]
struct Cutter {
    format: Format,
    /// The key of pages / holders: `orders`, or `data` for Shopware.
    key: &'static str,
    stack: Vec<Ctx>,
    /// The root value is complete.
    done: bool,
    /// A UTF-8 byte order mark was seen (`None`: not looked yet).
    bom: Option<bool>,
    /// Where reading goes on (buffer index).
    pos: usize,
    elem: Option<Elem>,
    /// The start of an `Undecided` object, kept until it is known.
    hold: Option<usize>,
    mode: Mode,
    /// What the first element of a bare `TopList` was ("an object", ...).
    first_kind: &'static str,
    rows: usize,
    page: GqlPage,
    /// The first shape error: reported at the end unless the text turns
    /// out not to be JSON (as the whole-file readers do).
    failed: Option<Fail>,
    /// Line breaks are counted up to buffer index `mark` (for the line
    /// numbers of errors): `lines` before it, and `column` bytes of its
    /// line before it. Runs of clean orders are counted by the scanner
    /// as it reads them; only the rest is searched for line breaks.
    mark: usize,
    lines: usize,
    column: usize,
}

/// The result of a step: go on, or wait for more bytes.
type Step = Result<bool, Fail>;

/// JSON whitespace (a match: `contains` on a byte array is a call).
#[inline(always)]
fn is_ws(b: &u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// Nesting deeper than this is an error, as `serde_json` refuses it when
/// reading the whole file.
const MAX_DEPTH: usize = 128;

/// "a list", "a number", ... for a value starting with `b`.
fn kind_of(b: u8) -> &'static str {
    match b {
        b'[' => "a list",
        b'{' => "an object",
        b'"' => "a string",
        b't' | b'f' => "true/false",
        b'n' => "null",
        _ => "a number",
    }
}

impl Cutter {
    fn new(format: Format) -> Cutter {
        Cutter {
            format,
            key: if format == Format::Shopware {
                "data"
            } else {
                "orders"
            },
            stack: Vec::new(),
            done: false,
            bom: None,
            pos: 0,
            elem: None,
            hold: None,
            mode: Mode::Unknown,
            first_kind: "",
            rows: 0,
            page: GqlPage::default(),
            failed: None,
            mark: 0,
            lines: 0,
            column: 0,
        }
    }

    /// The first buffer index still needed.
    fn keep_from(&self) -> usize {
        let mut from = self.pos;
        if let Some(e) = &self.elem {
            from = from.min(e.start);
        }
        if let Some(h) = self.hold {
            from = from.min(h);
        }
        from
    }

    /// The first `n` bytes of the buffer are gone.
    fn drained(&mut self, gone: &[u8]) {
        let n = gone.len();
        self.pos -= n;
        if let Some(e) = &mut self.elem {
            e.start -= n;
            e.at -= n;
        }
        if let Some(h) = &mut self.hold {
            *h -= n;
        }
        self.count_to(gone, n);
        self.mark -= n;
    }

    /// Counts the line breaks up to buffer index `to`.
    fn count_to(&mut self, buf: &[u8], to: usize) {
        if to <= self.mark {
            return;
        }
        let region = buf.get(self.mark..to).unwrap_or_default();
        let newlines = memchr::memchr_iter(b'\n', region).count();
        let last = if newlines > 0 {
            memchr::memrchr(b'\n', region).map(|p| self.mark + p)
        } else {
            None
        };
        self.counted(to, newlines, last);
    }

    /// Up to `to` (from `mark`) come `newlines` line breaks, the last at
    /// `last`.
    fn counted(&mut self, to: usize, newlines: usize, last: Option<usize>) {
        self.lines += newlines;
        self.column = match last {
            Some(p) => to - p - 1,
            None => self.column + (to - self.mark),
        };
        self.mark = to;
    }

    /// The 1-based line and column of buffer index `at`.
    fn line_column(&self, buf: &[u8], at: usize) -> (usize, usize) {
        let at = at.min(buf.len());
        if at >= self.mark {
            let region = buf.get(self.mark..at).unwrap_or_default();
            let newlines = memchr::memchr_iter(b'\n', region).count();
            return match memchr::memrchr(b'\n', region) {
                Some(p) => (self.lines + newlines + 1, at - self.mark - p),
                None => (self.lines + 1, self.column + (at - self.mark) + 1),
            };
        }
        // Before the mark (not expected): counted back from it.
        let region = buf.get(at..self.mark).unwrap_or_default();
        let back = memchr::memchr_iter(b'\n', region).count();
        let line = self.lines.saturating_sub(back) + 1;
        match memchr::memrchr(b'\n', buf.get(..at).unwrap_or_default()) {
            Some(p) => (line, at - p),
            None if back == 0 => (line, (self.column + 1).saturating_sub(self.mark - at)),
            None => (line, at + 1),
        }
    }

    fn syntax(&self, buf: &[u8], at: usize, what: &str) -> Fail {
        let (line, column) = self.line_column(buf, at);
        Fail::Syntax {
            line,
            column,
            message: format!("{what} at line {line} column {column}"),
        }
    }

    /// The error of `serde_json` on the element at `start`, placed in the
    /// document.
    fn serde_fail(&self, buf: &[u8], start: usize, e: &serde_json::Error) -> Fail {
        let (line, column) = self.line_column(buf, start);
        let (l, c) = (e.line(), e.column());
        let (line, column) = if l <= 1 {
            (line, column + c.saturating_sub(1))
        } else {
            (line + l - 1, c)
        };
        let message = e.to_string();
        let what = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(what, _)| what);
        Fail::Syntax {
            line,
            column,
            message: format!("{what} at line {line} column {column}"),
        }
    }

    /// Records a shape error; the rest is only checked to be JSON.
    fn shape(&mut self, reason: String, fix: &str) {
        if self.failed.is_none() {
            self.failed = Some(Fail::Shape(shape_error(reason, fix)));
        }
    }

    /// The fix for a page of the wrong shape.
    fn page_fix(&self) -> &'static str {
        match self.format {
            Format::Shopware => "pass the body of POST /api/search/order (with the associations orderCustomer, currency, lineItems, transactions)",
            _ => "pass the body of GET /admin/api/<version>/orders.json (or a list of such pages)",
        }
    }

    /// The fix for a list of orders of the wrong shape.
    fn list_fix(&self) -> &'static str {
        match self.format {
            Format::WooCommerce => {
                "pass the body of GET /wp-json/wc/v3/orders (a JSON array), or a list of such pages"
            }
            _ => "pass an array of orders or { \"orders\": [...] }",
        }
    }

    /// Reads `buf` from where it stopped, pushing complete elements to
    /// `sink`; `last`: no more bytes follow.
    ///
    /// `text` is the buffer as UTF-8 (up to a character cut at its end),
    /// if it is UTF-8: then clean canonical orders are read by the fast
    /// scanner as they are found, which also finds their end.
    fn run<'t, S: FnMut(Cut<'t>) -> Result<(), ElemFail>>(
        &mut self,
        buf: &'t [u8],
        text: Option<&'t str>,
        zone: &Zone,
        last: bool,
        sink: &mut S,
    ) -> Result<(), Fail> {
        loop {
            if let Some(mut e) = self.elem {
                let end = cut_element(buf, &mut e, last);
                self.elem = Some(e);
                let Some(end) = end else {
                    if last {
                        return Err(self.syntax(buf, buf.len(), "EOF while parsing a value"));
                    }
                    return Ok(());
                };
                self.elem = None;
                self.pos = end;
                self.emit(buf, e.kind, e.start, end, None, sink)?;
                continue;
            }
            while buf.get(self.pos).is_some_and(is_ws) {
                self.pos += 1;
            }
            let at = self.pos;
            let Some(&b) = buf.get(at) else {
                if !last || (self.done && self.stack.is_empty()) {
                    return Ok(());
                }
                let what = match self.stack.last() {
                    None => "EOF while parsing a value",
                    Some(c) if c.object => "EOF while parsing an object",
                    Some(_) => "EOF while parsing a list",
                };
                return Err(self.syntax(buf, at, what));
            };
            let Some(top) = self.stack.last().copied() else {
                if self.done {
                    return Err(self.syntax(buf, at, "trailing characters"));
                }
                if !self.open(Slot::Root, b, buf, last)? {
                    return Ok(());
                }
                continue;
            };
            match top.expect {
                Expect::KeyOrEnd | Expect::Key => {
                    if b == b'}' && top.expect == Expect::KeyOrEnd {
                        self.close(buf, at, sink)?;
                        continue;
                    }
                    if b != b'"' {
                        return Err(self.syntax(buf, at, "key must be a string"));
                    }
                    let Some(end) =
                        string_end(buf, at, last).map_err(|(p, w)| self.syntax(buf, p, w))?
                    else {
                        return Ok(());
                    };
                    let raw = buf.get(at..end).unwrap_or_default();
                    let key: Cow<'_, [u8]> = if raw.contains(&b'\\') {
                        Cow::Owned(
                            serde_json::from_slice::<String>(raw)
                                .unwrap_or_default()
                                .into_bytes(),
                        )
                    } else {
                        Cow::Borrowed(raw.get(1..raw.len() - 1).unwrap_or_default())
                    };
                    let slot = self.key_slot(top.role, &key, top.seen, buf, at)?;
                    if let Some(c) = self.stack.last_mut() {
                        c.slot = slot;
                        c.expect = Expect::Colon;
                    }
                    self.pos = end;
                }
                Expect::Colon => {
                    if b != b':' {
                        return Err(self.syntax(buf, at, "expected `:`"));
                    }
                    self.pos += 1;
                    if let Some(c) = self.stack.last_mut() {
                        c.expect = Expect::Value;
                    }
                }
                Expect::ValueOrEnd | Expect::Value => {
                    if b == b']' && top.expect == Expect::ValueOrEnd {
                        self.close(buf, at, sink)?;
                        continue;
                    }
                    let slot = if top.object {
                        top.slot
                    } else {
                        match top.role {
                            Role::Elements(kind) => Slot::Element(kind),
                            Role::TopList => Slot::TopItem,
                            Role::GqlPages => Slot::GqlPage,
                            _ => Slot::Skip,
                        }
                    };
                    if let Some(c) = self.stack.last_mut() {
                        c.expect = Expect::CommaOrEnd;
                    }
                    if !self.open(slot, b, buf, last)? {
                        if let Some(c) = self.stack.last_mut() {
                            c.expect = top.expect;
                        }
                        return Ok(());
                    }
                    // A canonical order: the scanner reads it and finds its
                    // end in one go, or the cutter goes on as for any element.
                    if let (Some(e), Some(text), Format::Canonical) = (self.elem, text, self.format)
                    {
                        if e.kind == Kind::Order {
                            self.clean_run(buf, text, zone, sink)?;
                        }
                    }
                }
                Expect::CommaOrEnd => {
                    let close = if top.object { b'}' } else { b']' };
                    if b == b',' {
                        self.pos += 1;
                        if let Some(c) = self.stack.last_mut() {
                            c.expect = if top.object {
                                Expect::Key
                            } else {
                                Expect::Value
                            };
                        }
                    } else if b == close {
                        self.close(buf, at, sink)?;
                    } else if top.object {
                        return Err(self.syntax(buf, at, "expected `,` or `}`"));
                    } else {
                        return Err(self.syntax(buf, at, "expected `,` or `]`"));
                    }
                }
            }
        }
    }

    /// Reads the canonical order that begins at the element being cut,
    /// and the run of orders after it (`, {...}`), with the fast scanner:
    /// most of a clean export is read here, past the general path.
    fn clean_run<'t, S: FnMut(Cut<'t>) -> Result<(), ElemFail>>(
        &mut self,
        buf: &[u8],
        text: &'t str,
        zone: &Zone,
        sink: &mut S,
    ) -> Result<(), Fail> {
        let Some(e) = self.elem else {
            return Ok(());
        };
        if self.failed.is_some() {
            return Ok(());
        }
        let mut start = e.start;
        // Whitespace from `p`: where it ends, its line breaks, the last.
        let ws = |mut p: usize| {
            let (mut newlines, mut last) = (0, None);
            while let Some(&b) = buf.get(p).filter(|b| is_ws(b)) {
                if b == b'\n' {
                    newlines += 1;
                    last = Some(p);
                }
                p += 1;
            }
            (p, newlines, last)
        };
        self.count_to(buf, start);
        loop {
            let Some((order, extent)) = text.get(start..).and_then(|t| scan_order_at(t, zone))
            else {
                // The cutter goes on (the first) or the general path reads
                // the comma and the next element.
                return Ok(());
            };
            self.elem = None;
            self.pos = start + extent.len;
            self.counted(
                self.pos,
                extent.newlines,
                extent.last_newline.map(|p| start + p),
            );
            // As `emit` does for a canonical order, without its other cases.
            self.rows += 1;
            let cut = Cut {
                row: self.rows,
                start,
                end: self.pos,
                kind: Kind::Order,
                fast: Some(order),
            };
            if let Err(ElemFail::Syntax(e)) = sink(cut) {
                return Err(self.serde_fail(buf, start, &e));
            }
            // The next element, if a comma and an object follow (the
            // whitespace counted on the way).
            let (comma, newlines, last) = ws(self.pos);
            self.counted(comma, newlines, last);
            if buf.get(comma) != Some(&b',') {
                return Ok(());
            }
            let (next, newlines, last) = ws(comma + 1);
            self.counted(comma + 1, 0, None);
            self.counted(next, newlines, last);
            if buf.get(next) != Some(&b'{') {
                return Ok(());
            }
            start = next;
        }
    }

    /// The slot of the value of `key` in an object of `role`.
    fn key_slot(
        &mut self,
        role: Role,
        key: &[u8],
        seen: u8,
        buf: &[u8],
        at: usize,
    ) -> Result<Slot, Fail> {
        let (slot, bit) = match (role, key) {
            (Role::Holder | Role::Undecided, k) if k == self.key.as_bytes() => (Slot::Orders, 1),
            (Role::GqlPage, b"data") => (Slot::GqlData, 1),
            (Role::GqlPage, b"orders") => (Slot::GqlOrders(false), 2),
            (Role::GqlPage, b"errors") => (Slot::Element(Kind::Errors), 4),
            (Role::GqlData, b"orders") => (Slot::GqlOrders(true), 1),
            (Role::GqlConnection, b"edges") => (Slot::GqlEdges, 1),
            (Role::GqlConnection, b"nodes") => (Slot::GqlNodes, 2),
            _ => return Ok(Slot::Skip),
        };
        if self.failed.is_some() {
            return Ok(Slot::Skip);
        }
        if seen & bit != 0 {
            let (line, column) = self.line_column(buf, at);
            self.shape(
                format!(
                    "the key \"{}\" appears twice in one object (line {line}, column {column})",
                    String::from_utf8_lossy(key)
                ),
                "pass the file as the shop exported it",
            );
            return Ok(Slot::Skip);
        }
        if let Some(c) = self.stack.last_mut() {
            c.seen |= bit;
        }
        Ok(slot)
    }

    fn push(&mut self, object: bool, role: Role) {
        self.pos += 1;
        self.stack.push(Ctx {
            object,
            role,
            expect: if object {
                Expect::KeyOrEnd
            } else {
                Expect::ValueOrEnd
            },
            slot: Slot::Skip,
            seen: 0,
            found: false,
        });
    }

    /// Marks the innermost container as having found its orders.
    fn found(&mut self) {
        if let Some(c) = self.stack.last_mut() {
            c.found = true;
        }
    }

    /// Begins the value starting with `b` at `self.pos` in `slot`; `false`
    /// if more bytes are needed first.
    fn open(&mut self, slot: Slot, b: u8, buf: &[u8], last: bool) -> Step {
        let slot = if self.failed.is_some() && slot != Slot::Root {
            Slot::Skip
        } else {
            slot
        };
        let at = self.pos;
        let container = b == b'{' || b == b'[';
        if container && self.stack.len() >= MAX_DEPTH {
            return Err(self.syntax(buf, at, "recursion limit exceeded"));
        }
        match slot {
            Slot::Element(kind) => {
                self.elem = Some(Elem {
                    start: at,
                    at,
                    depth: 0,
                    string: false,
                    kind,
                });
                return Ok(true);
            }
            Slot::Root => {
                let f = self.format;
                match (f, b) {
                    (Format::Canonical | Format::WooCommerce, b'{') => {
                        return Ok(self.open_push(true, Role::Holder))
                    }
                    (Format::Canonical, b'[') => {
                        return Ok(self.open_push(false, Role::Elements(Kind::Order)))
                    }
                    (Format::Shopify | Format::Shopware, b'{') => {
                        return Ok(self.open_push(true, Role::Holder))
                    }
                    (Format::Shopify | Format::Shopware | Format::WooCommerce, b'[') => {
                        return Ok(self.open_push(false, Role::TopList))
                    }
                    (Format::ShopifyGraphql, b'{') => {
                        self.page = GqlPage::default();
                        return Ok(self.open_push(true, Role::GqlPage));
                    }
                    (Format::ShopifyGraphql, b'[') => {
                        return Ok(self.open_push(false, Role::GqlPages))
                    }
                    (Format::ShopifyGraphql, _) => self.no_connection(),
                    (Format::Shopify | Format::Shopware, _) => {
                        let reason =
                            format!("expected {{\"{}\": [...]}}, found {}", self.key, kind_of(b));
                        self.shape(reason, self.page_fix());
                    }
                    _ => {
                        let reason = format!("expected a list of orders, found {}", kind_of(b));
                        self.shape(reason, self.list_fix());
                    }
                }
            }
            Slot::Orders => {
                let undecided = self.stack.last().is_some_and(|c| c.role == Role::Undecided);
                match b {
                    b'n' => {}
                    b'[' => {
                        if undecided {
                            self.mode = Mode::Pages;
                            self.hold = None;
                            if let Some(c) = self.stack.last_mut() {
                                c.role = Role::Holder;
                            }
                        }
                        self.found();
                        return Ok(self.open_push(false, Role::Elements(Kind::Order)));
                    }
                    _ => {
                        if undecided {
                            self.mode = Mode::Pages;
                            self.hold = None;
                        }
                        if matches!(self.format, Format::Shopify | Format::Shopware) {
                            let reason =
                                format!("expected {{\"{}\": [...]}}, found an object", self.key);
                            self.shape(reason, self.page_fix());
                        } else {
                            self.shape(
                                "expected a list of orders, found an object".into(),
                                self.list_fix(),
                            );
                        }
                    }
                }
            }
            Slot::TopItem => match (self.format, self.mode, b) {
                (Format::WooCommerce, Mode::Unknown | Mode::Pages, b'[') => {
                    self.mode = Mode::Pages;
                    return Ok(self.open_push(false, Role::Elements(Kind::Order)));
                }
                (Format::WooCommerce, Mode::Pages, _) => {
                    self.shape(
                        format!("the list of pages holds {} besides pages", kind_of(b)),
                        self.list_fix(),
                    );
                }
                (Format::WooCommerce, _, _) => {
                    self.mode = Mode::Bare;
                    return self.open(Slot::Element(Kind::Order), b, buf, last);
                }
                (_, Mode::Unknown, b'{') => {
                    self.hold = Some(at);
                    return Ok(self.open_push(true, Role::Undecided));
                }
                (_, Mode::Unknown, _) => {
                    self.mode = Mode::Bare;
                    self.first_kind = kind_of(b);
                    return self.open(Slot::Element(Kind::Listed), b, buf, last);
                }
                (_, Mode::Bare, _) => return self.open(Slot::Element(Kind::Listed), b, buf, last),
                (_, Mode::Pages, b'{') => return Ok(self.open_push(true, Role::Holder)),
                (_, Mode::Pages, b'[') => {
                    return Ok(self.open_push(false, Role::Elements(Kind::Order)))
                }
                (_, Mode::Pages, _) => {
                    let reason =
                        format!("expected {{\"{}\": [...]}}, found {}", self.key, kind_of(b));
                    self.shape(reason, self.page_fix());
                }
            },
            Slot::GqlPage => {
                if b == b'{' {
                    self.page = GqlPage::default();
                    return Ok(self.open_push(true, Role::GqlPage));
                }
                self.page = GqlPage::default();
                self.no_connection();
            }
            Slot::GqlData => {
                if b == b'{' {
                    return Ok(self.open_push(true, Role::GqlData));
                }
            }
            Slot::GqlOrders(data) => {
                let skip = b == b'n' || (!data && self.page.connection == Some(true));
                if !skip {
                    if data && self.page.connection == Some(false) && self.page.cut > 0 {
                        self.shape(
                            "the page has both orders and data.orders".into(),
                            "pass the response of one query as Shopify returned it",
                        );
                    } else {
                        self.page.connection = Some(data);
                        if b == b'{' {
                            self.page.edges = 0;
                            self.page.nodes = 0;
                            return Ok(self.open_push(true, Role::GqlConnection));
                        }
                    }
                }
            }
            Slot::GqlEdges => {
                if b == b'[' {
                    return Ok(self.open_push(false, Role::Elements(Kind::Edge)));
                }
            }
            Slot::GqlNodes => {
                if b == b'[' && self.page.edges == 0 {
                    return Ok(self.open_push(false, Role::Elements(Kind::Order)));
                }
            }
            Slot::Skip => {}
        }
        // Checked and dropped.
        if container {
            return Ok(self.open_push(b == b'{', Role::Skip));
        }
        let end = match b {
            b'"' => string_end(buf, at, last),
            b't' => literal_end(buf, at, last, b"true"),
            b'f' => literal_end(buf, at, last, b"false"),
            b'n' => literal_end(buf, at, last, b"null"),
            b'-' | b'0'..=b'9' => number_end(buf, at, last),
            _ => Err((at, "expected value")),
        }
        .map_err(|(p, w)| self.syntax(buf, p, w))?;
        let Some(end) = end else {
            return Ok(false);
        };
        self.pos = end;
        if self.stack.is_empty() {
            self.done = true;
        }
        Ok(true)
    }

    fn open_push(&mut self, object: bool, role: Role) -> bool {
        self.push(object, role);
        true
    }

    /// The error of a GraphQL page without an orders connection.
    fn no_connection(&mut self) {
        let messages = std::mem::take(&mut self.page.messages);
        if messages.is_empty() {
            self.shape(
                "no orders connection (data.orders) in the response".into(),
                "pass the response of a query like { orders(first: 250) { edges { node { ... } } } }",
            );
        } else {
            self.shape(
                format!("the response holds errors: {}", messages.join("; ")),
                "fix the query; see the errors Shopify returned",
            );
        }
    }

    /// Closes the innermost container at `at`.
    fn close<'t, S: FnMut(Cut<'t>) -> Result<(), ElemFail>>(
        &mut self,
        buf: &[u8],
        at: usize,
        sink: &mut S,
    ) -> Result<(), Fail> {
        self.pos = at + 1;
        let Some(c) = self.stack.pop() else {
            return Ok(());
        };
        if self.stack.is_empty() {
            self.done = true;
        }
        let held = if c.role == Role::Undecided {
            self.hold.take()
        } else {
            None
        };
        if self.failed.is_some() {
            return Ok(());
        }
        match c.role {
            Role::Undecided => {
                // No pages key: the first element of a bare list.
                self.mode = Mode::Bare;
                self.first_kind = "an object";
                if let Some(start) = held {
                    self.emit(buf, Kind::Listed, start, at + 1, None, sink)?;
                }
            }
            Role::Holder if !c.found => {
                if matches!(self.format, Format::Shopify | Format::Shopware) {
                    let reason = format!("expected {{\"{}\": [...]}}, found an object", self.key);
                    self.shape(reason, self.page_fix());
                } else {
                    self.shape(
                        "expected a list of orders, found an object".into(),
                        self.list_fix(),
                    );
                }
            }
            Role::GqlPage if self.page.connection.is_none() => self.no_connection(),
            _ => {}
        }
        Ok(())
    }

    /// A complete element `buf[start..end]`.
    fn emit<'t, S: FnMut(Cut<'t>) -> Result<(), ElemFail>>(
        &mut self,
        buf: &[u8],
        kind: Kind,
        start: usize,
        end: usize,
        fast: Option<Scanned<'t>>,
        sink: &mut S,
    ) -> Result<(), Fail> {
        if self.stack.is_empty() {
            self.done = true;
        }
        if self.failed.is_some() {
            // Only checked to be JSON.
            let bytes = buf.get(start..end).unwrap_or_default();
            return serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
                .map(drop)
                .map_err(|e| self.serde_fail(buf, start, &e));
        }
        match kind {
            Kind::Errors => {
                let bytes = buf.get(start..end).unwrap_or_default();
                let value: Value = serde_json::from_str(&decode(bytes, self.bom == Some(true)))
                    .map_err(|e| self.serde_fail(buf, start, &e))?;
                self.page.messages = list(Some(&value))
                    .iter()
                    .filter_map(|e| text(get(e, &["message"])))
                    .collect();
                return Ok(());
            }
            Kind::Edge if self.page.nodes > 0 => {
                self.shape(
                    "the orders connection has both nodes and edges".into(),
                    "ask for either edges { node { ... } } or nodes { ... }",
                );
                return Ok(());
            }
            Kind::Edge => self.page.edges += 1,
            _ if self.format == Format::ShopifyGraphql => self.page.nodes += 1,
            _ => {}
        }
        self.page.cut += 1;
        self.rows += 1;
        let cut = Cut {
            row: self.rows,
            start,
            end,
            kind,
            fast,
        };
        match sink(cut) {
            Ok(()) => Ok(()),
            Err(ElemFail::Syntax(e)) => Err(self.serde_fail(buf, start, &e)),
            Err(ElemFail::Mixed) => {
                let reason = format!(
                    "expected {{\"{}\": [...]}}, found {}",
                    self.key, self.first_kind
                );
                self.shape(reason, self.page_fix());
                Ok(())
            }
        }
    }
}

/// Cuts on in the element `e`: its end, or `None` if it goes on past the
/// buffer (its progress kept in `e`). Only nesting and strings are
/// followed: the element is checked when it is read.
fn cut_element(buf: &[u8], e: &mut Elem, last: bool) -> Option<usize> {
    let mut i = e.at;
    if i == e.start {
        match buf.get(i) {
            Some(b'{' | b'[') => {
                e.depth = 1;
                i += 1;
            }
            Some(b'"') => {
                e.string = true;
                i += 1;
            }
            Some(_) => {
                // A number or literal: up to the next delimiter.
                let rest = buf.get(i..).unwrap_or_default();
                return match rest
                    .iter()
                    .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    Some(p) => Some(i + p),
                    None if last => Some(buf.len()),
                    None => None,
                };
            }
            None => return None,
        }
    }
    loop {
        if e.string {
            let rest = buf.get(i..).unwrap_or_default();
            let Some(p) = memchr::memchr2(b'"', b'\\', rest) else {
                e.at = buf.len();
                return None;
            };
            i += p;
            if buf.get(i) == Some(&b'\\') {
                if i + 1 >= buf.len() {
                    e.at = i;
                    return None;
                }
                i += 2;
                continue;
            }
            i += 1;
            e.string = false;
            if e.depth == 0 {
                return Some(i);
            }
            continue;
        }
        let Some(&b) = buf.get(i) else {
            e.at = i;
            return None;
        };
        i += 1;
        match b {
            b'"' => e.string = true,
            b'{' | b'[' => e.depth += 1,
            b'}' | b']' => {
                e.depth -= 1;
                if e.depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
}

/// A checked token's end: `Ok(None)` if it may go on past the buffer,
/// `Err((at, what))` if it is not JSON.
type TokenEnd = Result<Option<usize>, (usize, &'static str)>;

/// The end of the string starting at `at` (after its closing quote).
fn string_end(buf: &[u8], at: usize, last: bool) -> TokenEnd {
    let mut i = at + 1;
    let more = |i: usize| {
        if last {
            Err((i, "EOF while parsing a string"))
        } else {
            Ok(None)
        }
    };
    loop {
        let Some(&b) = buf.get(i) else {
            return more(i);
        };
        match b {
            b'"' => return Ok(Some(i + 1)),
            b'\\' => {
                let Some(&c) = buf.get(i + 1) else {
                    return more(i + 1);
                };
                match c {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        for k in 0..4 {
                            match buf.get(i + 2 + k) {
                                None => return more(i + 2 + k),
                                Some(h) if h.is_ascii_hexdigit() => {}
                                Some(_) => return Err((i + 2 + k, "invalid escape")),
                            }
                        }
                        i += 6;
                    }
                    _ => return Err((i + 1, "invalid escape")),
                }
            }
            0..=0x1f => {
                return Err((
                    i,
                    "control character (\\u0000-\\u001F) found while parsing a string",
                ))
            }
            _ => i += 1,
        }
    }
}

fn literal_end(buf: &[u8], at: usize, last: bool, word: &[u8]) -> TokenEnd {
    let have = buf.get(at..).unwrap_or_default();
    if have.len() < word.len() && word.starts_with(have) {
        return if last {
            Err((buf.len(), "EOF while parsing a value"))
        } else {
            Ok(None)
        };
    }
    if have.starts_with(word) {
        Ok(Some(at + word.len()))
    } else {
        Err((at, "expected ident"))
    }
}

fn number_end(buf: &[u8], at: usize, last: bool) -> TokenEnd {
    let digit = |p: usize| buf.get(p).is_some_and(u8::is_ascii_digit);
    let mut p = at;
    if buf.get(p) == Some(&b'-') {
        p += 1;
    }
    match buf.get(p) {
        Some(b'0') => p += 1,
        Some(b'1'..=b'9') => {
            while digit(p) {
                p += 1;
            }
        }
        Some(_) => return Err((p, "invalid number")),
        None => p = buf.len(),
    }
    if buf.get(p) == Some(&b'.') {
        p += 1;
        if !digit(p) && p < buf.len() {
            return Err((p, "invalid number"));
        }
        while digit(p) {
            p += 1;
        }
    }
    if let Some(b'e' | b'E') = buf.get(p) {
        p += 1;
        if let Some(b'+' | b'-') = buf.get(p) {
            p += 1;
        }
        if !digit(p) && p < buf.len() {
            return Err((p, "invalid number"));
        }
        while digit(p) {
            p += 1;
        }
    }
    if p >= buf.len() {
        // The number may go on in the next bytes.
        if !last {
            return Ok(None);
        }
        let text = buf.get(at..).unwrap_or_default();
        if !text.last().is_some_and(u8::is_ascii_digit) {
            return Err((buf.len(), "EOF while parsing a value"));
        }
    }
    Ok(Some(p))
}

/// Text of `bytes`: lossy UTF-8 after a byte order mark, else UTF-8 or,
/// if not, Windows-1252 (as [`encoding::decode`] decides for a file).
fn decode(bytes: &[u8], bom: bool) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) if bom => String::from_utf8_lossy(bytes),
        Err(_) => Cow::Owned(encoding::windows_1252(bytes)),
    }
}

/// Why one element stops the whole read.
enum ElemFail {
    Syntax(serde_json::Error),
    /// A page in a bare list of orders.
    Mixed,
}

type Rejected = (FieldError, Option<String>);

/// A canonical order the fast scanner read: the currency in upper case,
/// as the definition gives it.
#[inline(always)]
fn upper_currency(s: &mut Scanned<'_>) {
    if s.currency.bytes().any(|b| b.is_ascii_lowercase()) {
        s.currency = Cow::Owned(s.currency.to_ascii_uppercase());
    }
}

/// One element as an order (or why not), by the definition of `format`.
fn element<'a>(
    format: Format,
    kind: Kind,
    text: &'a str,
    options: &ReadOptions,
    key: &str,
) -> Result<Result<Parsed<'a>, Rejected>, ElemFail> {
    if format == Format::Canonical {
        if let Some(mut s) = scan_order(text, options.zone()) {
            upper_currency(&mut s);
            return Ok(Ok(s));
        }
    }
    let value: Value = serde_json::from_str(text).map_err(ElemFail::Syntax)?;
    if kind == Kind::Listed && get(&value, &[key]).is_some() {
        return Err(ElemFail::Mixed);
    }
    let order = match format {
        Format::Shopify => shopify::rest_order(&value, options),
        Format::ShopifyGraphql if kind == Kind::Edge => {
            shopify::graphql_order(get(&value, &["node"]).unwrap_or(&Value::Null), options)
        }
        Format::ShopifyGraphql => shopify::graphql_order(&value, options),
        Format::Shopware => {
            shopware::order_from(get(&value, &["attributes"]).unwrap_or(&value), options)
        }
        Format::WooCommerce => woocommerce::order_from(&value, options),
        _ => canonical_order(&value, options),
    };
    Ok(order.map(|o| Parsed {
        id: Cow::Owned(o.id),
        customer: Cow::Owned(o.customer),
        placed_at: o.placed_at,
        total: o.total,
        currency: Cow::Owned(o.currency),
        status: o.status,
        items: o.items,
    }))
}

/// A JSON export read piece by piece into the order table (the admin's
/// `OrderFeed` for the JSON formats); see the module docs and
/// [`read_in_pieces`].
#[doc(hidden)]
pub struct JsonStream {
    format: Format,
    options: ReadOptions,
    cutter: Cutter,
    /// Bytes not read yet.
    buf: Vec<u8>,
    piece: usize,
    /// The buffer length at which the next piece is read.
    next: usize,
    table: Table,
}

/// Where the orders go.
struct Table {
    rates: HashMap<String, f64>,
    /// The base currency: given, or the first piece's.
    base: Option<String>,
    builder: Builder<'static>,
    errors: Vec<RowError>,
    read: usize,
}

impl JsonStream {
    /// A reader of `format` (one of the JSON formats) in pieces of about
    /// `piece` bytes. `Err` if the options are not valid.
    pub fn new(
        format: Format,
        options: &ReadOptions,
        piece: usize,
    ) -> Result<JsonStream, RowError> {
        options.validate()?;
        let piece = piece.max(1);
        Ok(JsonStream {
            format,
            options: options.clone(),
            cutter: Cutter::new(format),
            buf: Vec::new(),
            piece,
            next: piece,
            table: Table {
                rates: options.checked_rates()?,
                base: options.checked_currency()?,
                builder: Builder::new(options.currency.as_deref()),
                errors: Vec::new(),
                read: 0,
            },
        })
    }

    /// Makes room in the table for the orders of a canonical file of
    /// `bytes` bytes (an order takes at least about 80 bytes of JSON, as
    /// the whole-file reader reckons); shop orders are much larger and
    /// vary too much for a guess.
    pub fn expect_bytes(&mut self, bytes: usize) {
        if self.format == Format::Canonical {
            self.table.builder.reserve((bytes / 80).min(1 << 26));
        }
    }

    /// Pieces of about `bytes` from now on.
    pub fn set_piece(&mut self, bytes: usize) {
        self.piece = bytes.max(1);
        self.next = self.buf.len().max(self.piece);
    }

    /// Bytes held (not read yet).
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Adds `n` bytes that `fill` writes, reading a piece when enough
    /// have come.
    pub fn push_with(&mut self, n: usize, fill: impl FnOnce(&mut [u8])) -> Result<(), Fail> {
        let old = self.buf.len();
        self.buf.resize(old + n, 0);
        if let Some(slot) = self.buf.get_mut(old..) {
            fill(slot);
        }
        if self.buf.len() >= self.next {
            self.read_piece(false)?;
        }
        Ok(())
    }

    /// [`JsonStream::push_with`] for bytes at hand.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), Fail> {
        self.push_with(bytes.len(), |slot| slot.copy_from_slice(bytes))
    }

    /// Reads the rest: the table, the row errors and the number of orders
    /// read, or why the document cannot be read.
    pub fn finish(mut self) -> Result<(OrderTable, Vec<RowError>, usize), Fail> {
        self.read_piece(true)?;
        if let Some(fail) = self.cutter.failed.take() {
            return Err(fail);
        }
        let t = self.table;
        Ok((t.builder.finish(), t.errors, t.read))
    }

    /// Cuts what has come and reads the complete elements into the table
    /// through the common pass, each as soon as it is cut.
    fn read_piece(&mut self, last: bool) -> Result<(), Fail> {
        let JsonStream {
            format,
            options,
            cutter,
            buf,
            table,
            ..
        } = self;
        let (format, bytes): (Format, &[u8]) = (*format, buf);
        if cutter.bom.is_none() {
            const BOM: [u8; 3] = [0xef, 0xbb, 0xbf];
            if bytes.len() < 3 && BOM.starts_with(bytes) && !last {
                return Ok(());
            }
            let bom = bytes.starts_with(&BOM);
            cutter.bom = Some(bom);
            if bom {
                cutter.pos = 3;
            }
        }
        let bom = cutter.bom == Some(true);
        let key = cutter.key;
        // Each piece is UTF-8 or, if not, Windows-1252 (after a byte order
        // mark: UTF-8 with replacement characters); a character cut at the
        // end of the bytes so far is completed by the next ones.
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default()).ok()
            }
            Err(_) => None,
        };
        let given = table.base.clone();
        let mut keeper = Keeper {
            base: given.clone().unwrap_or_default(),
            rates: table.rates.clone(),
            errors: Vec::new(),
            currency: None,
            builder: &mut table.builder,
        };
        // Without a base currency the first piece's orders wait for it.
        let mut waiting = Vec::new();
        let mut read = 0;
        let mut sink = sink_for(bytes, |cut| {
            read += 1;
            // A clean canonical order straight on (no copies on the way:
            // this is most of a large file).
            if let Some(mut order) = cut.fast {
                upper_currency(&mut order);
                if given.is_some() {
                    keeper.keep(cut.row, order);
                } else {
                    waiting.push((cut.row, order));
                }
                return Ok(());
            }
            let order = match text {
                Some(text) => {
                    let t = text.get(cut.start..cut.end).unwrap_or_default();
                    element(format, cut.kind, t, options, key)?
                }
                None => {
                    let raw = bytes.get(cut.start..cut.end).unwrap_or_default();
                    let t = if bom {
                        String::from_utf8_lossy(raw)
                    } else {
                        Cow::Owned(encoding::windows_1252(raw))
                    };
                    element(format, cut.kind, &t, options, key)?.map(owned)
                }
            };
            match order {
                Ok(order) if given.is_some() => keeper.keep(cut.row, order),
                Ok(order) => waiting.push((cut.row, order)),
                Err((bad, id)) => keeper.errors.push(bad.at(Some(cut.row), id)),
            }
            Ok(())
        });
        let cut = cutter.run(bytes, text, options.zone(), last, &mut sink);
        table.read += read;
        if given.is_none() {
            keeper.base = most_common_currency(waiting.iter().map(|(_, o)| o.currency.as_ref()));
            for (row, order) in waiting {
                keeper.keep(row, order);
            }
        }
        let Keeper {
            mut errors,
            currency,
            ..
        } = keeper;
        errors.sort_by_key(|e| e.row.unwrap_or(usize::MAX));
        table.errors.extend(errors);
        // The base currency of the first piece holds for the others.
        if table.base.is_none() {
            table.base = currency.map(|c| c.to_ascii_uppercase());
        }
        cut?;
        let keep = cutter.keep_from().min(buf.len());
        cutter.drained(buf.get(..keep).unwrap_or_default());
        buf.drain(..keep);
        self.next = self.buf.len() + self.piece;
        Ok(())
    }
}

/// `sink` as what the cutter calls for elements of `bytes`.
fn sink_for<'t, S: FnMut(Cut<'t>) -> Result<(), ElemFail>>(_bytes: &'t [u8], sink: S) -> S {
    sink
}

/// An order with its texts owned.
fn owned(p: Parsed<'_>) -> Parsed<'static> {
    Parsed {
        id: Cow::Owned(p.id.into_owned()),
        customer: Cow::Owned(p.customer.into_owned()),
        placed_at: p.placed_at,
        total: p.total,
        currency: Cow::Owned(p.currency.into_owned()),
        status: p.status,
        items: p.items,
    }
}

/// A JSON export (bytes as a file holds them) read as the admin's
/// `OrderFeed` reads it, in pieces of about `piece` bytes: the order table,
/// the row errors and the number of orders read. For native benchmarks
/// and tests of the streaming import. `Err` as for [`super::read`].
///
/// ```
/// use stammkunde::orders::{json_stream, Format, ReadOptions};
/// let text = br#"{"orders": [
///   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"},
///   {"id": "2", "customer": "", "placed_at": 1700000000, "total": 100, "currency": "EUR"}
/// ]}"#;
/// let (table, errors, read) =
///     json_stream::read_in_pieces(Format::Canonical, text, &ReadOptions::default(), 16).unwrap();
/// assert_eq!((table.len(), errors.len(), read), (1, 1, 2));
/// assert_eq!((errors[0].row, errors[0].field.as_str()), (Some(2), "customer"));
/// ```
#[doc(hidden)]
pub fn read_in_pieces(
    format: Format,
    bytes: &[u8],
    options: &ReadOptions,
    piece: usize,
) -> Result<(OrderTable, Vec<RowError>, usize), RowError> {
    let mut stream = JsonStream::new(format, options, piece)?;
    stream.expect_bytes(bytes.len());
    for chunk in bytes.chunks(piece.max(1)) {
        stream.push(chunk).map_err(Fail::into_error)?;
    }
    stream.finish().map_err(Fail::into_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segments::json::read_table_with;

    fn eur() -> ReadOptions {
        ReadOptions {
            currency: Some("EUR".into()),
            ..ReadOptions::default()
        }
    }

    /// Feeds `bytes` in chunks and returns the most bytes the stream held.
    fn feed(stream: &mut JsonStream, bytes: &[u8], chunk: usize) -> usize {
        let mut most = 0;
        for c in bytes.chunks(chunk) {
            stream.push(c).unwrap();
            most = most.max(stream.buffered());
        }
        most
    }

    #[test]
    fn memory_is_bounded_by_the_piece_not_the_file() {
        let orders = crate::demo::generate(&crate::demo::DemoOptions {
            customers: 2_000,
            orders: Some(30_000),
            ..Default::default()
        });
        // A few bad rows: negative totals, a repeat, a foreign currency.
        let text = crate::orders::to_json(&orders)
            .replacen("\"total\":", "\"total\":-", 3)
            .replacen("\"EUR\"", "\"USD\"", 2);
        let text = format!("{{\"orders\": {text}, \"next\": null}}");
        let (piece, chunk) = (64 << 10, 10_000);
        assert!(text.len() > 40 * piece);
        let mut stream = JsonStream::new(Format::Canonical, &eur(), piece).unwrap();
        let most = feed(&mut stream, text.as_bytes(), chunk);
        // Read as it comes: never much more than a piece held.
        assert!(most < 2 * piece + chunk, "{most} bytes held");
        let (table, errors, read) = stream.finish().unwrap();
        assert_eq!(read, orders.len());
        assert!(errors.len() >= 3, "{errors:?}");
        let (whole, whole_errors) = read_table_with(&text, &eur()).unwrap();
        assert_eq!(
            format!("{:?}", (&table, &errors)),
            format!("{:?}", (&whole, &whole_errors))
        );

        // A shop format, as a list of pages.
        let body: Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/orders/shopify_rest.json"
            ))
            .unwrap(),
        )
        .unwrap();
        let one = list(get(&body, &["orders"])).first().cloned().unwrap();
        let pages: Vec<Value> = (0..40)
            .map(|p| {
                let orders: Vec<Value> = (0..250)
                    .map(|i| {
                        let mut o = one.clone();
                        o["name"] = Value::from(format!("#{p}-{i}"));
                        o
                    })
                    .collect();
                serde_json::json!({ "orders": orders })
            })
            .collect();
        let text = serde_json::to_string_pretty(&pages).unwrap();
        assert!(text.len() > 40 * piece);
        let mut stream = JsonStream::new(Format::Shopify, &eur(), piece).unwrap();
        let most = feed(&mut stream, text.as_bytes(), chunk);
        assert!(most < 2 * piece + chunk, "{most} bytes held");
        let (table, errors, read) = stream.finish().unwrap();
        let import = crate::orders::read(Format::Shopify, &text, &eur()).unwrap();
        let want = OrderTable::from_orders_in(&import.orders, Some("EUR"));
        assert_eq!(
            format!("{:?}", (&table, &errors, read)),
            format!("{:?}", (&want, &import.errors, import.read))
        );
        assert_eq!(read, 10_000);
    }

    #[test]
    fn an_undecided_first_element_is_held_until_known() {
        // The first element of a Shopify REST list: an order (no "orders"
        // key) whose end comes in a later piece.
        let order = r##"{"name": "#1", "email": "a@b", "created_at": "2026-01-01T00:00:00Z", "total_price": "1.00", "currency": "EUR", "note": "x"}"##;
        let text = format!("[{order}, {}]", order.replace("#1", "#2"));
        for piece in 1..text.len() {
            let (table, errors, read) =
                read_in_pieces(Format::Shopify, text.as_bytes(), &eur(), piece).unwrap();
            assert_eq!((table.len(), errors.len(), read), (2, 0, 2), "{piece}");
        }
    }
}
