//! Which format an order file is in, from its content (never its name).
//!
//! Only the start of the input is looked at (the first 64 KiB), so a
//! detection costs the same for a 2 GB export as for a small one:
//!
//! - JSON (starts with `[` or `{`): the shape of the envelope and the keys
//!   of the first order tell the shop system apart: canonical orders
//!   (`customer`, `placed_at`), Shopify REST (`total_price`,
//!   `financial_status`), Shopify GraphQL (an `orders` connection with
//!   `edges`/`nodes`), Shopware 6 (`{"data": [...]}`, `orderNumber`,
//!   `amountTotal`), WooCommerce (`date_created`, `customer_id`, `billing`).
//! - Text: the CDNOW transaction log, either the sample layout (5
//!   whitespace-separated columns: master id, sample id, `YYYYMMDD`, CDs,
//!   dollars) or the master layout (4 columns: id, `YYYYMMDD`, CDs,
//!   dollars, with or without a header line); anything else is CSV.
//!
//! ```
//! use stammkunde::orders::{detect, Format};
//! let found = detect(r##"{"orders": [{"name": "#1001", "total_price": "9.90"}]}"##);
//! assert_eq!(found.format, Format::Shopify);
//! assert!(found.reason.contains("total_price"));
//! assert_eq!(detect("00001 19970101 1 11.77\n").format, Format::Cdnow);
//! assert_eq!(detect("Bestellnummer;Datum;Betrag\n").format, Format::Csv);
//! ```

use super::Format;

/// How much of the input detection looks at.
const PREFIX: usize = 64 * 1024;

/// A detected format and why it was chosen (English, for logs and the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The format to read the input with.
    pub format: Format,
    /// The evidence, e.g. `"JSON object with \"orders\": [...] whose first
    /// order has total_price"`.
    pub reason: String,
}

impl Detection {
    fn new(format: Format, reason: impl Into<String>) -> Self {
        Detection {
            format,
            reason: reason.into(),
        }
    }
}

/// Detects the format of an order file from its content.
///
/// Never fails: input that fits no known layout is CSV, whose reader then
/// names what is missing (e.g. the header row).
pub fn detect(input: &str) -> Detection {
    detect_bytes(input.as_bytes())
}

/// [`detect`] on raw bytes, e.g. the first block of a file; a UTF-8
/// sequence cut at the end does no harm.
pub fn detect_bytes(input: &[u8]) -> Detection {
    let input = &input[..input.len().min(PREFIX)];
    let input = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(input.len());
    match input.get(start) {
        Some(b'[') | Some(b'{') => {
            let mut parser = Shape {
                bytes: input,
                at: start,
                depth: 0,
            };
            json(&parser.value())
        }
        Some(_) => text(input),
        None => Detection::new(Format::Csv, "empty input: read as CSV"),
    }
}

// ---- JSON ------------------------------------------------------------------

/// The outline of a JSON prefix: objects with their keys, arrays with their
/// first element only, scalars without their value.
#[derive(Debug)]
enum Node {
    Object(Vec<(String, Node)>),
    Array(Option<Box<Node>>),
    Scalar,
    /// The prefix ended before the value did (or it is not JSON).
    Cut,
}

impl Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn keys(&self) -> Vec<&str> {
        match self {
            Node::Object(fields) => fields.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    fn first(&self) -> Option<&Node> {
        match self {
            Node::Array(first) => first.as_deref(),
            _ => None,
        }
    }

    fn is_array(&self) -> bool {
        matches!(self, Node::Array(_))
    }

    fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }
}

/// A tolerant reader of the outline: it stops at the end of the prefix and
/// at anything that is not JSON, keeping what it has read.
struct Shape<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl Shape<'_> {
    fn skip_ws(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.skip_ws();
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Node {
        self.skip_ws();
        // Deeper than any order envelope: skip instead of recursing.
        if self.depth > 12 {
            return self.skip_value();
        }
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                self.depth += 1;
                let node = self.object();
                self.depth -= 1;
                node
            }
            Some(b'[') => {
                self.at += 1;
                self.depth += 1;
                let node = self.array();
                self.depth -= 1;
                node
            }
            Some(b'"') => match self.string() {
                Some(_) => Node::Scalar,
                None => Node::Cut,
            },
            Some(_) => {
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                if self.at >= self.bytes.len() {
                    Node::Cut
                } else {
                    Node::Scalar
                }
            }
            None => Node::Cut,
        }
    }

    fn object(&mut self) -> Node {
        let mut fields = Vec::new();
        if self.eat(b'}') {
            return Node::Object(fields);
        }
        loop {
            self.skip_ws();
            let Some(key) = self.string() else {
                return Node::Object(fields);
            };
            if !self.eat(b':') {
                return Node::Object(fields);
            }
            let value = self.value();
            let cut = matches!(value, Node::Cut);
            fields.push((key, value));
            if cut || !self.eat(b',') {
                self.eat(b'}');
                return Node::Object(fields);
            }
        }
    }

    fn array(&mut self) -> Node {
        if self.eat(b']') {
            return Node::Array(None);
        }
        let first = self.value();
        // The rest of the array is not needed: skip it cheaply.
        while self.eat(b',') {
            if matches!(self.skip_value(), Node::Cut) {
                break;
            }
        }
        self.eat(b']');
        Node::Array(Some(Box::new(first)))
    }

    /// Moves past one value without building it.
    fn skip_value(&mut self) -> Node {
        self.skip_ws();
        let mut nesting = 0usize;
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b'"' => {
                    if self.string().is_none() {
                        return Node::Cut;
                    }
                    if nesting == 0 {
                        return Node::Scalar;
                    }
                    continue;
                }
                b'{' | b'[' => nesting += 1,
                b'}' | b']' if nesting == 0 => return Node::Scalar,
                b'}' | b']' => {
                    nesting -= 1;
                    if nesting == 0 {
                        self.at += 1;
                        return Node::Scalar;
                    }
                }
                b',' if nesting == 0 => return Node::Scalar,
                _ => {}
            }
            self.at += 1;
        }
        Node::Cut
    }

    /// Reads a string at the cursor (escapes kept as written: keys of the
    /// known formats have none).
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at + 1;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return Some(String::from_utf8_lossy(&self.bytes[start..i]).into_owned());
                }
                _ => i += 1,
            }
        }
        self.at = self.bytes.len();
        None
    }
}

/// Keys that only one format's orders have, strongest first.
const ORDER_KEYS: [(Format, &[&str]); 5] = [
    (Format::Canonical, &["placed_at"]),
    (
        Format::Shopify,
        &[
            "total_price",
            "financial_status",
            "total_price_set",
            "order_number",
        ],
    ),
    (
        Format::ShopifyGraphql,
        &[
            "totalPriceSet",
            "currentTotalPriceSet",
            "displayFinancialStatus",
        ],
    ),
    (
        Format::Shopware,
        &[
            "orderNumber",
            "amountTotal",
            "orderDateTime",
            "stateMachineState",
        ],
    ),
    (
        Format::WooCommerce,
        &["date_created_gmt", "date_created", "customer_id", "billing"],
    ),
];

/// The format whose distinctive keys the order has, with the key found.
fn by_order_keys(order: &Node) -> Option<(Format, &'static str)> {
    // JSON:API (Shopware) puts the fields under "attributes".
    let order = match order.get("attributes") {
        Some(inner) if inner.is_object() => inner,
        _ => order,
    };
    let keys = order.keys();
    ORDER_KEYS.iter().find_map(|(format, distinctive)| {
        distinctive
            .iter()
            .find(|k| keys.contains(k))
            .map(|k| (*format, *k))
    })
}

/// A GraphQL connection: `{"edges": [{"node": …}]}` or `{"nodes": [...]}`.
fn is_connection(node: &Node) -> bool {
    node.get("edges").is_some_and(Node::is_array) || node.get("nodes").is_some_and(Node::is_array)
}

fn json(root: &Node) -> Detection {
    let what = match root {
        Node::Array(_) => "JSON array",
        _ => "JSON object",
    };
    // A list of pages: decide by the first page.
    let (page, pages) = match root {
        Node::Array(Some(first)) if first.is_array() => (first.as_ref(), " of arrays"),
        Node::Array(Some(first))
            if first.get("orders").is_some() || first.get("data").is_some() =>
        {
            (first.as_ref(), " of pages")
        }
        _ => (root, ""),
    };
    // GraphQL: an orders connection, under "data" or at the top.
    for path in [&["data", "orders"][..], &["orders"]] {
        let found = path.iter().try_fold(page, |node, key| node.get(key));
        if let Some(connection) = found.filter(|n| is_connection(n)) {
            return Detection::new(
                Format::ShopifyGraphql,
                format!(
                    "{what}{pages} with an orders connection ({}.{})",
                    path.join("."),
                    if connection.get("edges").is_some() {
                        "edges"
                    } else {
                        "nodes"
                    }
                ),
            );
        }
    }
    if page.get("errors").is_some() && page.get("data").is_some_and(Node::is_object) {
        return Detection::new(
            Format::ShopifyGraphql,
            format!("{what}{pages} with GraphQL \"data\" and \"errors\""),
        );
    }
    let (list, envelope) = if let Some(orders) = page.get("orders").filter(|n| n.is_array()) {
        (orders, "\"orders\": [...]")
    } else if let Some(data) = page.get("data").filter(|n| n.is_array()) {
        (data, "\"data\": [...]")
    } else {
        (page, "")
    };
    let first = list.first();
    let described = |key: &str| {
        let container = if envelope.is_empty() {
            String::new()
        } else {
            format!(" with {envelope}")
        };
        format!("{what}{pages}{container} whose first order has {key}")
    };
    if let Some((format, key)) = first.and_then(by_order_keys) {
        return Detection::new(format, described(key));
    }
    // No distinctive key (yet): the envelope decides.
    let reason = |format: &str| {
        let first = match first {
            Some(Node::Cut) | None => "no complete first order",
            Some(_) => "no key of a shop system in the first order",
        };
        format!("{what}{pages} with {envelope}, {first}: read as {format}")
    };
    match envelope {
        "\"data\": [...]" => Detection::new(Format::Shopware, reason("Shopware")),
        "\"orders\": [...]" if first.is_some_and(|o| o.get("customer").is_some()) => {
            Detection::new(
                Format::Canonical,
                described("customer").replace("has customer", "has customer (canonical)"),
            )
        }
        "\"orders\": [...]" => Detection::new(Format::Canonical, reason("canonical orders")),
        _ => Detection::new(
            Format::Canonical,
            format!("{what} without the keys of a shop system: read as canonical orders"),
        ),
    }
}

// ---- text ------------------------------------------------------------------

/// Whether a token is a whole number (ids, CD counts).
fn digits(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a token is a `YYYYMMDD` date of the 20th or 21st century.
fn yyyymmdd(token: &str) -> bool {
    token.len() == 8
        && digits(token)
        && matches!(&token[..2], "19" | "20")
        && matches!(
            &token[4..6],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

/// Whether a token is a plain decimal amount like `29.33` or `0`.
fn dollars(token: &str) -> bool {
    let (whole, cents) = token.split_once('.').unwrap_or((token, "0"));
    digits(whole) && digits(cents)
}

/// The CDNOW layout a line has: 5 (sample) or 4 (master) columns.
fn cdnow_columns(line: &str) -> Option<usize> {
    let t: Vec<&str> = line.split_whitespace().collect();
    match t.as_slice() {
        [id, sample, date, cds, value]
            if digits(id) && digits(sample) && yyyymmdd(date) && digits(cds) && dollars(value) =>
        {
            Some(5)
        }
        [id, date, cds, value] if digits(id) && yyyymmdd(date) && digits(cds) && dollars(value) => {
            Some(4)
        }
        _ => None,
    }
}

/// Whether a line is a header of whitespace-separated names (no numbers,
/// no CSV separators), as the CDNOW master is sometimes distributed.
fn name_line(line: &str, columns: usize) -> bool {
    let t: Vec<&str> = line.split_whitespace().collect();
    t.len() == columns
        && t.iter()
            .all(|w| w.bytes().any(|b| b.is_ascii_alphabetic()) && !w.contains([';', ',', '\t']))
}

fn text(input: &[u8]) -> Detection {
    // A cut UTF-8 sequence at the end of the prefix is replaced, not fatal.
    let text = String::from_utf8_lossy(input);
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect::<Vec<_>>();
    // The prefix may end inside a line.
    if input.len() == PREFIX && lines.len() > 1 {
        lines.pop();
    }
    let Some(&first) = lines.first() else {
        return Detection::new(Format::Csv, "empty input: read as CSV");
    };
    let data = lines.get(1..).unwrap_or_default();
    match cdnow_columns(first) {
        Some(columns) if data.iter().all(|l| cdnow_columns(l) == Some(columns)) => {
            return Detection::new(Format::Cdnow, cdnow_reason(columns, false));
        }
        _ => {}
    }
    if let Some(columns) = data.first().and_then(|l| cdnow_columns(l)) {
        if name_line(first, columns) && data.iter().all(|l| cdnow_columns(l) == Some(columns)) {
            return Detection::new(Format::Cdnow, cdnow_reason(columns, true));
        }
    }
    let separator = [(';', "';'"), ('\t', "tab"), (',', "','")]
        .into_iter()
        .map(|(c, name)| (first.matches(c).count(), name))
        .max_by_key(|(n, _)| *n)
        .filter(|(n, _)| *n > 0);
    match separator {
        Some((n, name)) => Detection::new(
            Format::Csv,
            format!(
                "text whose first line has {} {name}-separated columns",
                n + 1
            ),
        ),
        None => Detection::new(
            Format::Csv,
            "text without JSON or the CDNOW layout: read as CSV",
        ),
    }
}

fn cdnow_reason(columns: usize, header: bool) -> String {
    let layout = if columns == 5 {
        "the CDNOW sample layout (5 whitespace-separated columns: master id, sample id, YYYYMMDD, CDs, dollars)"
    } else {
        "the CDNOW master layout (4 whitespace-separated columns: id, YYYYMMDD, CDs, dollars)"
    };
    if header {
        format!("a header line, then {layout}")
    } else {
        layout.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(input: &str) -> Format {
        detect(input).format
    }

    #[test]
    fn canonical_array_and_object() {
        let array = r#"[{"id": "1", "customer": "k", "placed_at": 1700000000, "total": 990, "currency": "EUR"}]"#;
        let found = detect(array);
        assert_eq!(found.format, Format::Canonical);
        assert_eq!(found.reason, "JSON array whose first order has placed_at");
        let object = format!("{{\"orders\": {array}}}");
        assert_eq!(format(&object), Format::Canonical);
        assert_eq!(format("[]"), Format::Canonical);
        assert_eq!(format("{\"orders\": []}"), Format::Canonical);
        // The order of keys does not matter; strings with brackets do not confuse.
        let odd = r#"[{"id": "x]}", "total": 1, "customer": "a{b", "placed_at": "2026-01-01"}]"#;
        assert_eq!(format(odd), Format::Canonical);
    }

    #[test]
    fn shop_fixtures() {
        let cases = [
            ("shopify_rest.json", Format::Shopify),
            ("shopify_graphql.json", Format::ShopifyGraphql),
            ("shopware.json", Format::Shopware),
            ("woocommerce.json", Format::WooCommerce),
            ("bestellungen_de.csv", Format::Csv),
            ("orders_en.csv", Format::Csv),
        ];
        for (file, expected) in cases {
            let path = format!(
                "{}/tests/fixtures/orders/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let found = detect(&text);
            assert_eq!(found.format, expected, "{file}: {}", found.reason);
        }
    }

    #[test]
    fn shopify_shapes() {
        let rest = r##"{"orders": [{"id": 1, "name": "#1001", "financial_status": "paid"}]}"##;
        assert_eq!(format(rest), Format::Shopify);
        let pages = format!("[{rest}, {rest}]");
        let found = detect(&pages);
        assert_eq!(found.format, Format::Shopify);
        assert!(found.reason.contains("of pages"), "{}", found.reason);
        let gql =
            r##"{"data": {"orders": {"edges": [{"node": {"name": "#1"}}]}}, "extensions": {}}"##;
        let found = detect(gql);
        assert_eq!(found.format, Format::ShopifyGraphql);
        assert!(
            found.reason.contains("data.orders.edges"),
            "{}",
            found.reason
        );
        assert_eq!(
            format(r#"{"orders": {"nodes": []}}"#),
            Format::ShopifyGraphql
        );
        assert_eq!(format(&format!("[{gql}]")), Format::ShopifyGraphql);
        // A GraphQL error response goes to the GraphQL reader, which shows the errors.
        assert_eq!(
            format(r#"{"errors": [{"message": "x"}], "data": {}}"#),
            Format::ShopifyGraphql
        );
    }

    #[test]
    fn shopware_and_woocommerce() {
        let sw = r#"{"total": 1, "data": [{"orderNumber": "10001", "amountTotal": 49.9}]}"#;
        assert_eq!(format(sw), Format::Shopware);
        let jsonapi = r#"{"data": [{"type": "order", "attributes": {"orderNumber": "1"}}]}"#;
        assert_eq!(format(jsonapi), Format::Shopware);
        assert_eq!(format(r#"{"data": []}"#), Format::Shopware);
        let woo = r#"[{"id": 727, "number": "727", "status": "completed", "date_created_gmt": "2026-03-01T09:00:00"}]"#;
        assert_eq!(format(woo), Format::WooCommerce);
        assert_eq!(format(&format!("[{woo}, {woo}]")), Format::WooCommerce);
        let found = detect(&format!("[{woo}]"));
        assert_eq!(found.format, Format::WooCommerce);
        assert!(found.reason.contains("arrays"), "{}", found.reason);
    }

    #[test]
    fn cdnow_sample_and_master() {
        let sample = " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n";
        let found = detect(sample);
        assert_eq!(found.format, Format::Cdnow);
        assert!(found.reason.contains("sample layout"), "{}", found.reason);
        let master = "00001 19970101 1 11.77\n00002 19970112 1 12.00\n";
        let found = detect(master);
        assert_eq!(found.format, Format::Cdnow);
        assert!(found.reason.contains("master layout"), "{}", found.reason);
        // As lifetimes ships CDNOW_master.txt.
        let with_header =
            " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n";
        let found = detect(with_header);
        assert_eq!(found.format, Format::Cdnow);
        assert!(
            found.reason.starts_with("a header line"),
            "{}",
            found.reason
        );
        let path = format!(
            "{}/tests/fixtures/cdnow/CDNOW_sample.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        assert_eq!(
            format(&std::fs::read_to_string(path).unwrap()),
            Format::Cdnow
        );
    }

    #[test]
    fn csv_named_cdnow_is_csv() {
        // What a file name once decided: content decides now.
        let de = "Bestellnummer;Kundennummer;Datum;Betrag\n1;K1;01.11.2026;9,90\n";
        let found = detect(de);
        assert_eq!(found.format, Format::Csv);
        assert_eq!(
            found.reason,
            "text whose first line has 4 ';'-separated columns"
        );
        // A header-less CSV of numbers is not CDNOW either.
        assert_eq!(format("1,19970101,1,11.77\n"), Format::Csv);
        // A CSV with a whitespace header but comma data is not CDNOW.
        assert_eq!(format("id date cds usd\n1,19970101,1,2.00\n"), Format::Csv);
        assert_eq!(format(""), Format::Csv);
        assert_eq!(format("\u{feff}  \n"), Format::Csv);
    }

    #[test]
    fn large_and_cut_inputs() {
        // Only the prefix is read; a cut order still decides by its keys.
        let order =
            r#"{"id": "1", "customer": "k", "placed_at": 1, "total": 1, "currency": "EUR"}"#;
        let big = format!("[{}]", vec![order; 5000].join(","));
        assert!(big.len() > PREFIX);
        assert_eq!(format(&big), Format::Canonical);
        assert_eq!(format(r#"[{"id": "1", "placed_at"#), Format::Canonical);
        assert_eq!(
            format(r#"{"orders": [{"financial_status": "pa"#),
            Format::Shopify
        );
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        let _ = detect(&deep);
        let lines = " 00004 0001 19970101  2   29.33\n".repeat(5000);
        assert_eq!(format(&lines), Format::Cdnow);
        // Invalid UTF-8 or garbage never panics.
        let _ = detect_bytes(&[0xff, 0xfe, b'{', b'"', 0xc3]);
        let _ = detect_bytes(b"{\"a\\");
    }
}
