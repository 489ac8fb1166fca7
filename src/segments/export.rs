//! Output: per-customer rows and segment summaries as JSON-ready structs,
//! and as CSV in German (`;`, `1234,56`, `31.01.2026`, with a UTF-8 BOM
//! so Excel reads umlauts) or English (`,`, `1234.56`, `2026-01-31`).
//!
//! CSV cells are quoted when they contain the separator, a quote or a line
//! break. Text cells that start with `=`, `+`, `-`, `@` (or their
//! full-width forms), a tab or a carriage return get a leading apostrophe,
//! so a spreadsheet does not run them as formulas (numbers the engine
//! writes itself are left alone).
//!
//! ```
//! use std::sync::Arc;
//! use stammkunde::orders::Order;
//! use stammkunde::segments::{export, Config, Lang, OrderTable, Segmentation};
//! let orders = vec![Order::new("1", "=HYPERLINK(\"x\")", 86_400, 123_456, "EUR")];
//! let config = Config { as_of: Some(2 * 86_400), ..Config::default() };
//! let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
//! let csv = export::customers_csv(&seg, &export::CsvOptions { lang: Lang::De, ..Default::default() });
//! let row = csv.lines().nth(1).unwrap();
//! assert!(row.starts_with("\"'=HYPERLINK(\"\"x\"\")\";02.01.1970;02.01.1970;1;1234,56;1234,56;"));
//! ```

use serde::{Deserialize, Serialize};

use super::dates::format_date;
use super::{format, AbcClass, Lang, ParetoPoint, RfmSegment, Segment, SegmentKind, Segmentation};
use crate::money::{Currency, Money};
use crate::rules::{BoughtCache, Rule};

/// One customer's figures and memberships.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerRow {
    /// Customer key.
    pub customer: String,
    /// First order date, `yyyy-mm-dd`.
    pub first_order: String,
    /// Last order date, `yyyy-mm-dd`.
    pub last_order: String,
    /// Number of orders.
    pub orders: u32,
    /// Net revenue, minor units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revenue: i64,
    /// Average order value, minor units.
    pub average_order_value: f64,
    /// Median days between order days (none with fewer than two).
    pub median_days_between_orders: Option<f64>,
    /// Days from the last order to the as-of day.
    pub days_since_last_order: i32,
    /// R score 1 to 5.
    pub recency: u8,
    /// F score 1 to 5.
    pub frequency: u8,
    /// M score 1 to 5.
    pub monetary: u8,
    /// R×F grid segment.
    pub rfm_segment: RfmSegment,
    /// ABC class.
    pub abc: AbcClass,
    /// P(alive), when CLV values were given.
    pub p_alive: Option<f64>,
    /// Predicted CLV (minor units), when given.
    pub predicted_clv: Option<f64>,
    /// Expected orders, when given.
    pub expected_orders: Option<f64>,
    /// Product ids bought.
    pub products: Vec<String>,
    /// Categories bought.
    pub categories: Vec<String>,
    /// Segments with the reason for each membership.
    pub segments: Vec<Membership>,
}

/// A segment membership and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Membership {
    /// Segment id.
    pub id: String,
    /// Why the customer is a member.
    pub reason: String,
}

/// One segment without its members' details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SegmentSummary {
    /// Segment id, e.g. `rfm:at_risk`.
    pub id: String,
    /// `builtin`, `product`, `category`, `rfm`, `abc` or `rule`.
    pub kind: String,
    /// Display name in the chosen language.
    pub name: String,
    /// Number of members.
    pub count: usize,
    /// Members / customers.
    pub share_of_customers: f64,
    /// Members' revenue / revenue.
    pub share_of_revenue: f64,
    /// Members' net revenue, minor units.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revenue: i64,
    /// The rule, for custom segments.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rule: Option<String>,
    /// Member keys, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub members: Option<Vec<String>>,
}

/// The whole result, as written by the command-line tool's JSON output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// As-of date, `yyyy-mm-dd`.
    pub as_of: String,
    /// Currency of all money figures, if known.
    pub currency: Option<String>,
    /// Customers with at least one order up to the as-of date.
    pub customers: usize,
    /// Net revenue of all customers, minor units.
    pub revenue: i64,
    /// Every segment.
    pub segments: Vec<SegmentSummary>,
    /// The Pareto curve.
    pub pareto: Vec<ParetoPoint>,
    /// Per-customer rows (empty unless asked for).
    pub customer_rows: Vec<CustomerRow>,
}

fn kind_name(k: &SegmentKind) -> &'static str {
    match k {
        SegmentKind::Builtin(_) => "builtin",
        SegmentKind::Product(_) => "product",
        SegmentKind::Category(_) => "category",
        SegmentKind::Rfm(_) => "rfm",
        SegmentKind::Abc(_) => "abc",
        SegmentKind::Rule { .. } => "rule",
    }
}

/// Explains memberships for many customers: parses each rule once and
/// caches who bought what.
pub struct Explainer<'a> {
    seg: &'a Segmentation,
    rules: Vec<(usize, Option<Rule>)>,
    cache: BoughtCache,
}

impl<'a> Explainer<'a> {
    /// An explainer for `seg`.
    pub fn new(seg: &'a Segmentation) -> Explainer<'a> {
        let rules = seg
            .segments()
            .iter()
            .enumerate()
            .filter_map(|(pos, s)| match &s.kind {
                SegmentKind::Rule { rule, .. } => Some((pos, Rule::parse(rule).ok())),
                _ => None,
            })
            .collect();
        Explainer {
            seg,
            rules,
            cache: BoughtCache::default(),
        }
    }

    /// Why customer `i` is in `s` (`None` if not a member).
    pub fn explain(&mut self, i: usize, s: &Segment, lang: Lang) -> Option<String> {
        if !s.contains(i) {
            return None;
        }
        if let SegmentKind::Rule { .. } = s.kind {
            let pos = self.seg.segments().iter().position(|x| x.id == s.id)?;
            let (_, rule) = self.rules.iter().find(|(p, _)| *p == pos)?;
            return rule
                .as_ref()?
                .explain_with(self.seg, i, lang, &mut self.cache);
        }
        self.seg.explain(i, s, lang)
    }
}

/// The row of customer `i` (`None` if out of range), with a reason for
/// each membership.
pub fn customer_row(seg: &Segmentation, i: usize, lang: Lang) -> Option<CustomerRow> {
    customer_row_with(seg, i, lang, &mut Explainer::new(seg))
}

/// [`customer_row`] reusing an [`Explainer`].
pub fn customer_row_with(
    seg: &Segmentation,
    i: usize,
    lang: Lang,
    ex: &mut Explainer<'_>,
) -> Option<CustomerRow> {
    let c = seg.customers();
    let f = &c.figures;
    let clv = c.clv(i);
    let (products, categories) = seg.purchases(i);
    let segments = seg
        .segments()
        .iter()
        .filter(|s| s.contains(i))
        .map(|s| Membership {
            id: s.id.clone(),
            reason: ex.explain(i, s, lang).unwrap_or_default(),
        })
        .collect();
    Some(CustomerRow {
        customer: seg.key(i).into_owned(),
        first_order: format_date(*f.first_day.get(i)?, Lang::En),
        last_order: format_date(*f.last_day.get(i)?, Lang::En),
        orders: *f.orders.get(i)?,
        revenue: *f.revenue.get(i)?,
        average_order_value: f.average_order_value(i)?,
        median_days_between_orders: f.median_gap.get(i).copied().flatten(),
        days_since_last_order: f.days_since_last(i)?,
        recency: *c.recency.get(i)?,
        frequency: *c.frequency.get(i)?,
        monetary: *c.monetary.get(i)?,
        rfm_segment: *c.rfm.get(i)?,
        abc: *c.abc.get(i)?,
        p_alive: clv.p_alive,
        predicted_clv: clv.predicted_clv,
        expected_orders: clv.expected_orders,
        products: products.into_iter().map(String::from).collect(),
        categories: categories.into_iter().map(String::from).collect(),
        segments,
    })
}

/// Summary of one segment; `with_members` adds the member keys.
pub fn summary(seg: &Segmentation, s: &Segment, lang: Lang, with_members: bool) -> SegmentSummary {
    SegmentSummary {
        id: s.id.clone(),
        kind: kind_name(&s.kind).into(),
        name: seg.segment_name(s, lang),
        count: s.count(),
        share_of_customers: s.share_of_customers,
        share_of_revenue: s.share_of_revenue,
        revenue: s.revenue,
        rule: match &s.kind {
            SegmentKind::Rule { rule, .. } => Some(rule.clone()),
            _ => None,
        },
        members: with_members.then(|| {
            s.members
                .iter()
                .map(|&m| seg.key(m as usize).into_owned())
                .collect()
        }),
    }
}

/// The whole result; `rows` adds a row per customer (or per member of
/// `only`, a segment id).
pub fn report(
    seg: &Segmentation,
    lang: Lang,
    with_members: bool,
    rows: bool,
    only: Option<&Segment>,
) -> Report {
    let mut ex = Explainer::new(seg);
    let customer_rows = if !rows {
        Vec::new()
    } else {
        let indices: Vec<usize> = match only {
            Some(s) => s.members.iter().map(|&m| m as usize).collect(),
            None => (0..seg.customer_count()).collect(),
        };
        indices
            .into_iter()
            .filter_map(|i| customer_row_with(seg, i, lang, &mut ex))
            .collect()
    };
    Report {
        as_of: format_date(seg.as_of_day(), Lang::En),
        currency: seg.table().currency().map(String::from),
        customers: seg.customer_count(),
        revenue: seg.total_revenue(),
        segments: seg
            .segments()
            .iter()
            .map(|s| summary(seg, s, lang, with_members))
            .collect(),
        pareto: seg.pareto().to_vec(),
        customer_rows,
    }
}

/// CSV options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CsvOptions {
    /// German (`;`, `1234,56`, `31.01.2026`) or English (`,`, `1234.56`, `2026-01-31`).
    pub lang: Lang,
    /// Only the members of this segment (by id), with a reason column.
    pub segment: Option<String>,
    /// Start with a UTF-8 byte order mark. `None`: for German only, so
    /// Excel shows umlauts.
    pub bom: Option<bool>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            lang: Lang::En,
            segment: None,
            bom: None,
        }
    }
}

/// A CSV cell holding text: neutralised against formulas and quoted (the
/// crate's one CSV text writer).
pub use crate::orders::csv::text_cell;

struct Csv {
    sep: char,
    out: String,
}

impl Csv {
    fn row(&mut self, cells: &[String]) {
        for (k, cell) in cells.iter().enumerate() {
            if k > 0 {
                self.out.push(self.sep);
            }
            self.out.push_str(cell);
        }
        self.out.push_str("\r\n");
    }
}

fn start(lang: Lang, bom: Option<bool>) -> Csv {
    let mut out = String::new();
    if bom.unwrap_or(lang == Lang::De) {
        out.push('\u{feff}');
    }
    Csv {
        sep: if lang == Lang::De { ';' } else { ',' },
        out,
    }
}

/// Per-customer CSV: one row per customer (or per member of
/// `options.segment`, with the reason), figures, scores, classes, CLV
/// values (when given), products and categories (when the orders have
/// line items) and the ids of the customer's segments.
///
/// Unknown segment ids give a CSV with only the header; check the id with
/// [`Segmentation::segment`] first.
pub fn customers_csv(seg: &Segmentation, options: &CsvOptions) -> String {
    let lang = options.lang;
    let mut csv = start(lang, options.bom);
    let sep = csv.sep;
    let c = seg.customers();
    let f = &c.figures;
    let has_clv = c.has_clv();
    let has_items = seg.table().has_items();
    let only = options.segment.as_deref().map(|id| seg.segment(id));
    let cur = seg
        .table()
        .currency()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let mut header: Vec<String> = [
        lang.pick("customer", "Kunde"),
        lang.pick("first_order", "Erste Bestellung"),
        lang.pick("last_order", "Letzte Bestellung"),
        lang.pick("orders", "Bestellungen"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.push(format!("{}{cur}", lang.pick("revenue", "Umsatz")));
    header.push(format!(
        "{}{cur}",
        lang.pick("average_order_value", "Durchschnittlicher Bestellwert")
    ));
    for h in [
        lang.pick(
            "median_days_between_orders",
            "Median Tage zwischen Bestellungen",
        ),
        lang.pick("days_since_last_order", "Tage seit letzter Bestellung"),
        "R",
        "F",
        "M",
        lang.pick("rfm_segment", "RFM-Segment"),
        "ABC",
    ] {
        header.push(h.into());
    }
    if has_clv {
        header.push(lang.pick("p_alive", "P(aktiv)").into());
        header.push(format!(
            "{}{cur}",
            lang.pick("predicted_clv", "Prognostizierter CLV")
        ));
        header.push(
            lang.pick("expected_orders", "Erwartete Bestellungen")
                .into(),
        );
    }
    if has_items {
        header.push(lang.pick("products", "Produkte").into());
        header.push(lang.pick("categories", "Kategorien").into());
    }
    header.push(lang.pick("segments", "Segmente").into());
    if only.is_some() {
        header.push(lang.pick("reason", "Grund").into());
    }
    let header: Vec<String> = header.iter().map(|h| text_cell(h, sep)).collect();
    csv.row(&header);

    let indices: Vec<usize> = match only {
        Some(Some(s)) => s.members.iter().map(|&m| m as usize).collect(),
        Some(None) => Vec::new(),
        None => (0..seg.customer_count()).collect(),
    };
    let mut ex = Explainer::new(seg);
    let opt = |v: Option<f64>, d: usize| v.map(|x| format::plain(x, d, lang)).unwrap_or_default();
    let currency = Currency::or_eur(seg.table().currency());
    let money = |v: Option<f64>| {
        v.map(|x| Money::rounded(x, currency).plain(lang))
            .unwrap_or_default()
    };
    for i in indices {
        let (Some(&first), Some(&last), Some(&orders), Some(&revenue)) = (
            f.first_day.get(i),
            f.last_day.get(i),
            f.orders.get(i),
            f.revenue.get(i),
        ) else {
            continue;
        };
        let mut row = vec![
            text_cell(&seg.key(i), sep),
            format_date(first, lang),
            format_date(last, lang),
            orders.to_string(),
            Money::new(revenue, currency).plain(lang),
            money(f.average_order_value(i)),
            opt(f.median_gap.get(i).copied().flatten(), 1),
            f.days_since_last(i)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            c.recency.get(i).map(|s| s.to_string()).unwrap_or_default(),
            c.frequency
                .get(i)
                .map(|s| s.to_string())
                .unwrap_or_default(),
            c.monetary.get(i).map(|s| s.to_string()).unwrap_or_default(),
            text_cell(c.rfm.get(i).map(|s| s.name(lang)).unwrap_or_default(), sep),
            c.abc
                .get(i)
                .map(|a| a.letter())
                .unwrap_or_default()
                .to_string(),
        ];
        if has_clv {
            let v = c.clv(i);
            row.push(opt(v.p_alive, 4));
            row.push(money(v.predicted_clv));
            row.push(opt(v.expected_orders, 4));
        }
        if has_items {
            let (products, categories) = seg.purchases(i);
            row.push(text_cell(&products.join(", "), sep));
            row.push(text_cell(&categories.join(", "), sep));
        }
        let ids: Vec<&str> = seg.memberships(i).map(|s| s.id.as_str()).collect();
        row.push(text_cell(&ids.join(", "), sep));
        if let Some(Some(s)) = only {
            row.push(text_cell(&ex.explain(i, s, lang).unwrap_or_default(), sep));
        }
        csv.row(&row);
    }
    csv.out
}

/// Segment overview CSV: id, name, members, share of customers (%),
/// revenue, share of revenue (%).
pub fn segments_csv(seg: &Segmentation, options: &CsvOptions) -> String {
    let lang = options.lang;
    let mut csv = start(lang, options.bom);
    let sep = csv.sep;
    let currency = Currency::or_eur(seg.table().currency());
    let cur = seg
        .table()
        .currency()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let header = [
        lang.pick("segment", "Segment").to_string(),
        lang.pick("name", "Name").to_string(),
        lang.pick("customers", "Kunden").to_string(),
        lang.pick("share_of_customers_percent", "Anteil Kunden (%)")
            .to_string(),
        format!("{}{cur}", lang.pick("revenue", "Umsatz")),
        lang.pick("share_of_revenue_percent", "Anteil Umsatz (%)")
            .to_string(),
    ];
    csv.row(&header.map(|h| text_cell(&h, sep)));
    for s in seg.segments() {
        csv.row(&[
            text_cell(&s.id, sep),
            text_cell(&seg.segment_name(s, lang), sep),
            s.count().to_string(),
            format::plain(s.share_of_customers * 100.0, 1, lang),
            Money::new(s.revenue, currency).plain(lang),
            format::plain(s.share_of_revenue * 100.0, 1, lang),
        ]);
    }
    csv.out
}

/// The kind of a column in [`table_csv`], which decides how its values are
/// written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "TableCsvType"))]
pub enum CellKind {
    /// Text from the shop's data: neutralised against formulas, quoted
    /// when needed; lists are joined with `, `.
    Text,
    /// A whole number (rounded).
    Int,
    /// A number with two decimals.
    Number,
    /// A share with four decimals.
    Ratio,
    /// Minor units of the table's currency, with its minor digits.
    Money,
    /// Unix seconds, written as the UTC day.
    Date,
}

impl CellKind {
    /// The kind of its lower-case name (`text`, `int`, `number`, `ratio`,
    /// `money`, `date`).
    pub fn parse(name: &str) -> Option<CellKind> {
        Some(match name {
            "text" => CellKind::Text,
            "int" => CellKind::Int,
            "number" => CellKind::Number,
            "ratio" => CellKind::Ratio,
            "money" => CellKind::Money,
            "date" => CellKind::Date,
            _ => return None,
        })
    }
}

/// A column of [`table_csv`]: its header and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableColumn {
    /// Header text (neutralised and quoted like text cells).
    pub header: String,
    /// How the column's values are written.
    #[serde(rename = "type")]
    pub kind: CellKind,
}

/// A table of any columns as CSV, by the same rules as [`customers_csv`]:
/// `;`, decimal comma and `dd.mm.yyyy` in German, `,`, decimal point and
/// `yyyy-mm-dd` in English, money with the currency's minor digits, CRLF,
/// text neutralised against formulas. `bom` prepends a UTF-8 byte order
/// mark. Missing values (`null`, too short rows) and numbers in columns of
/// a text-less kind that are not numbers give empty cells.
///
/// ```
/// use serde_json::json;
/// use stammkunde::money::Currency;
/// use stammkunde::segments::export::{table_csv, CellKind, TableColumn};
/// use stammkunde::segments::Lang;
/// let columns = [
///     TableColumn { header: "Kunde".into(), kind: CellKind::Text },
///     TableColumn { header: "Umsatz (KWD)".into(), kind: CellKind::Money },
///     TableColumn { header: "Letzte".into(), kind: CellKind::Date },
/// ];
/// let rows = vec![vec![json!("=1+2"), json!(1234567), json!(86_400)]];
/// let kwd = Currency::parse("KWD").unwrap();
/// let csv = table_csv(&columns, &rows, Lang::De, kwd, false);
/// assert_eq!(csv, "Kunde;Umsatz (KWD);Letzte\r\n'=1+2;1234,567;02.01.1970\r\n");
/// ```
pub fn table_csv(
    columns: &[TableColumn],
    rows: &[Vec<serde_json::Value>],
    lang: Lang,
    currency: Currency,
    bom: bool,
) -> String {
    let mut csv = start(lang, Some(bom));
    let sep = csv.sep;
    let header: Vec<String> = columns.iter().map(|c| text_cell(&c.header, sep)).collect();
    csv.row(&header);
    for row in rows {
        let cells: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let value = row.get(k).unwrap_or(&serde_json::Value::Null);
                table_cell(value, c.kind, lang, currency, sep)
            })
            .collect();
        csv.row(&cells);
    }
    csv.out
}

fn table_cell(
    value: &serde_json::Value,
    kind: CellKind,
    lang: Lang,
    currency: Currency,
    sep: char,
) -> String {
    use serde_json::Value;
    if kind == CellKind::Text {
        return match value {
            Value::Null => String::new(),
            Value::Array(items) => text_cell(
                &items.iter().map(plain_text).collect::<Vec<_>>().join(", "),
                sep,
            ),
            v => text_cell(&plain_text(v), sep),
        };
    }
    let Some(x) = value.as_f64().filter(|x| x.is_finite()) else {
        return String::new();
    };
    match kind {
        CellKind::Int => format!("{}", half_up(x) as i64),
        CellKind::Number => fixed(x, 2, lang),
        CellKind::Ratio => fixed(x, 4, lang),
        CellKind::Money => Money::new(half_up(x) as i64, currency).plain(lang),
        _ => crate::calendar::format_date((x / 86_400.0).floor() as i32, lang),
    }
}

/// A JSON value as text: strings as they are, numbers in their shortest
/// form, lists joined with `,`.
fn plain_text(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(","),
        Value::Object(_) => "[object Object]".to_string(),
        v => v.to_string(),
    }
}

/// Rounds half up, as spreadsheets' and JavaScript's rounding of
/// averages does (-2.5 -> -2).
fn half_up(x: f64) -> f64 {
    let f = x.floor();
    if x - f >= 0.5 {
        f + 1.0
    } else {
        f
    }
}

/// `x` with `digits` decimals, exact ties rounded away from zero (Rust's
/// formatter rounds them to even), `-0` written as `0`.
fn fixed(x: f64, digits: usize, lang: Lang) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    let scale = 2f64.powi(digits as i32 + 1);
    let longer = format!("{:.*}", digits + 1, x);
    // an exact tie has at most digits + 1 decimals, all of them in `longer`
    let text = if (x * scale).fract() == 0.0 && longer.ends_with('5') {
        let shorter = &longer[..longer.len() - 1];
        round_up_last(shorter.strip_suffix('.').unwrap_or(shorter))
    } else {
        format!("{x:.digits$}")
    };
    if lang == Lang::De {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Adds one unit in the last place to the magnitude of a decimal text.
fn round_up_last(text: &str) -> String {
    let mut digits: Vec<u8> = text.bytes().collect();
    let mut k = digits.len();
    loop {
        if k == 0 || !digits[k - 1].is_ascii_digit() && digits[k - 1] != b'.' {
            digits.insert(k, b'1');
            break;
        }
        k -= 1;
        match digits[k] {
            b'.' => continue,
            b'9' => digits[k] = b'0',
            d => {
                digits[k] = d + 1;
                break;
            }
        }
    }
    String::from_utf8(digits).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_neutralised_and_quoted() {
        assert_eq!(text_cell("=1+1", ','), "'=1+1");
        assert_eq!(text_cell("-5", ','), "'-5");
        assert_eq!(text_cell("@SUM(A1)", ';'), "'@SUM(A1)");
        assert_eq!(text_cell("a;b", ';'), "\"a;b\"");
        assert_eq!(text_cell("a;b", ','), "a;b");
        assert_eq!(text_cell("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("two\nlines", ','), "\"two\nlines\"");
        assert_eq!(text_cell("anna@example.de", ','), "anna@example.de");
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use serde_json::json;

    fn cols(kinds: &[CellKind]) -> Vec<TableColumn> {
        kinds
            .iter()
            .map(|&kind| TableColumn {
                header: "h".into(),
                kind,
            })
            .collect()
    }

    #[test]
    fn numbers_round_like_the_admin_tables() {
        assert_eq!(fixed(0.03125, 4, Lang::En), "0.0313");
        assert_eq!(fixed(-0.03125, 4, Lang::De), "-0,0313");
        assert_eq!(fixed(0.99995, 4, Lang::En), "1.0000");
        assert_eq!(fixed(9.995, 2, Lang::En), "9.99");
        assert_eq!(fixed(9.5, 0, Lang::En), "10");
        assert_eq!(fixed(99.5, 0, Lang::En), "100");
        assert_eq!(fixed(-0.0, 2, Lang::En), "0.00");
        assert_eq!(fixed(0.5, 4, Lang::De), "0,5000");
        assert_eq!(half_up(-2.5), -2.0);
        assert_eq!(half_up(2.5), 3.0);
    }

    #[test]
    fn money_follows_the_currency() {
        let c = cols(&[CellKind::Money, CellKind::Int, CellKind::Ratio]);
        let rows = vec![
            vec![json!(1234567), json!(2.5), json!(null)],
            vec![json!(-990.4), json!("x"), json!(1)],
        ];
        let jpy = Currency::parse("JPY").unwrap();
        let kwd = Currency::parse("KWD").unwrap();
        let eur = Currency::or_eur(None);
        assert_eq!(
            table_csv(&c, &rows, Lang::De, jpy, false),
            "h;h;h\r\n1234567;3;\r\n-990;;1,0000\r\n"
        );
        assert_eq!(
            table_csv(&c, &rows, Lang::En, kwd, true),
            "\u{feff}h,h,h\r\n1234.567,3,\r\n-0.990,,1.0000\r\n"
        );
        assert_eq!(
            table_csv(&c, &rows[..1], Lang::De, eur, false),
            "h;h;h\r\n12345,67;3;\r\n"
        );
    }

    #[test]
    fn text_is_neutralised_joined_and_quoted() {
        let c = cols(&[CellKind::Text, CellKind::Text, CellKind::Date]);
        let rows = vec![vec![
            json!(["a", "=b"]),
            json!("@SUM(A1)"),
            json!(1_767_571_200),
        ]];
        let eur = Currency::or_eur(None);
        assert_eq!(
            table_csv(&c, &rows, Lang::En, eur, false),
            "h,h,h\r\n\"a, =b\",'@SUM(A1),2026-01-05\r\n"
        );
        assert_eq!(
            table_csv(&c, &rows, Lang::De, eur, false),
            "h;h;h\r\na, =b;'@SUM(A1);05.01.2026\r\n"
        );
    }
}
