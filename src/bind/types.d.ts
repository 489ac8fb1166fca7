// Generated from the Rust types by tests/typescript.rs (ts-rs); do not edit.

/**
 * What happened to an order after it was placed.
 */
export type OrderStatus = { "kind": "completed" } | { "kind": "cancelled" } | { "kind": "refunded" } | {
"kind": "partially_refunded",
/**
 * Refunded amount in minor units of the order's currency.
 */
amount: number,
};

/**
 * One line of an order.
 */
export type LineItem = {
/**
 * Product id or SKU, whichever the shop uses to identify the product.
 */
product_id: string,
/**
 * Stock keeping unit, when the shop has one besides the product id.
 */
sku: string | null,
/**
 * Product name as shown to customers.
 */
name: string,
/**
 * Product category, if known.
 */
category: string | null,
/**
 * Quantity ordered.
 */
quantity: number,
/**
 * Unit price in minor units of the order's currency.
 */
unit_price: number,
};

/**
 * A canonical order, whatever shop system it came from.
 */
export type Order = {
/**
 * The shop's order id; duplicates count once.
 */
id: string,
/**
 * Stable key of the customer (customer id, or e-mail for guests).
 */
customer: string,
/**
 * When the order was placed, seconds since the Unix epoch (UTC).
 */
placed_at: number,
/**
 * Gross total in minor units of `currency`.
 */
total: number,
/**
 * ISO 4217 currency code, upper case.
 */
currency: string,
/**
 * Completed, cancelled, refunded or partially refunded.
 */
status: OrderStatus,
/**
 * Line items; may be empty when the source has only totals.
 */
items: Array<LineItem>,
};

/**
 * Why one input row was not used, and how to fix it.
 *
 * Serialized with one more key, `code`: the cause's stable code
 * (`causes::code`, e.g. `bad_date`), which the admin's texts in German
 * and English are chosen by; `reason` and `fix` are English.
 */
export type RowError = {
/**
 * 1-based row number in the input (for CSV: the line, header = 1).
 */
row: number | null,
/**
 * The order id, when it could be read.
 */
orderId: string | null,
/**
 * The field that was wrong, e.g. `"placed_at"` or the CSV column name.
 */
field: string,
/**
 * What was wrong, e.g. `"'31.02.2024' is not a date"`.
 */
reason: string,
/**
 * How to fix it, e.g. `"write dates as dd.mm.yyyy"`.
 */
fix: string,
/**
 * The cause's stable code, e.g. `bad_date` (`other` for a reason without one).
 */
code: RowErrorCause,
};

/**
 * The result of reading orders: the usable orders, every rejected row, and
 * the counts of rows read, used and rejected.
 */
export type OrderImport = {
/**
 * Orders that were read successfully.
 */
orders: Array<Order>,
/**
 * One entry per rejected row.
 */
errors: Array<RowError>,
/**
 * Rows read from the input.
 */
read: number,
/**
 * Rows turned into orders.
 */
used: number,
/**
 * Rows rejected (see `errors`).
 */
rejected: number,
};

/**
 * The model for the number of future orders.
 */
export type TransactionModel = "bg_nbd" | "pareto_nbd";

/**
 * Time unit of recency, T and the model's rate parameters.
 */
export type TimeUnit = "days" | "weeks";

/**
 * How the optimiser ended.
 */
export type ClvConvergence = {
/**
 * Whether the gradient tolerance was reached.
 */
converged: boolean,
/**
 * Iterations (line searches) done.
 */
iterations: number,
/**
 * Objective evaluations done.
 */
evaluations: number,
/**
 * Largest absolute gradient component at the end (log-parameter space,
 * objective = mean negative log-likelihood per customer).
 */
gradientNorm: number,
/**
 * Why it stopped, in words.
 */
message: string,
};

/**
 * BG/NBD parameters.
 */
export type BgNbdParams = {
/**
 * Shape of the purchase-rate distribution.
 */
r: number,
/**
 * Scale of the purchase-rate distribution (in the time unit).
 */
alpha: number,
/**
 * Beta parameter a of the drop-out probability.
 */
a: number,
/**
 * Beta parameter b of the drop-out probability.
 */
b: number,
};

/**
 * A fitted BG/NBD model.
 */
export type BgNbdFit = {
/**
 * The maximum-likelihood parameters.
 */
params: BgNbdParams,
/**
 * Total log-likelihood at `params`.
 */
logLikelihood: number,
/**
 * How the optimiser ended.
 */
convergence: ClvConvergence,
};

/**
 * Pareto/NBD parameters.
 */
export type ParetoNbdParams = {
/**
 * Shape of the purchase-rate distribution.
 */
r: number,
/**
 * Scale of the purchase-rate distribution.
 */
alpha: number,
/**
 * Shape of the drop-out-rate distribution.
 */
s: number,
/**
 * Scale of the drop-out-rate distribution.
 */
beta: number,
};

/**
 * A fitted Pareto/NBD model.
 */
export type ParetoNbdFit = {
/**
 * The maximum-likelihood parameters.
 */
params: ParetoNbdParams,
/**
 * Total log-likelihood at `params`.
 */
logLikelihood: number,
/**
 * How the optimiser ended.
 */
convergence: ClvConvergence,
};

/**
 * Gamma-Gamma parameters.
 */
export type GammaGammaParams = {
/**
 * Shape of the order values around a customer's mean.
 */
p: number,
/**
 * Shape of the customers' rate parameter.
 */
q: number,
/**
 * Scale of the customers' rate parameter (in minor units).
 */
v: number,
};

/**
 * A fitted Gamma-Gamma model.
 */
export type GammaGammaFit = {
/**
 * The maximum-likelihood parameters.
 */
params: GammaGammaParams,
/**
 * Total log-likelihood at `params` (it shifts with the money unit:
 * values in cents give a different constant than values in euros).
 */
logLikelihood: number,
/**
 * How the optimiser ended.
 */
convergence: ClvConvergence,
/**
 * Repeat buyers the model was fitted on (mean value > 0).
 */
customers: number,
};

/**
 * Orders left out of the summary, by reason.
 */
export type ClvSkipped = {
/**
 * Placed after the calibration end.
 */
afterCalibrationEnd: number,
/**
 * Cancelled or fully refunded.
 */
cancelledOrRefunded: number,
/**
 * An order id seen before for the same customer and day.
 */
duplicateId: number,
/**
 * In another currency than the one analysed.
 */
otherCurrency: number,
/**
 * Without a customer key.
 */
noCustomer: number,
};

/**
 * One customer's history and predictions.
 */
export type ClvCustomer = {
/**
 * The customer key from the orders.
 */
customer: string,
/**
 * Repeat purchase days in the calibration period (x).
 */
frequency: number,
/**
 * Time from the first to the last purchase day (t_x), in the unit.
 */
recency: number,
/**
 * Time from the first purchase day to the calibration end (T).
 */
t: number,
/**
 * Mean value of the repeat purchase days, minor units; 0 without.
 */
monetary: number,
/**
 * Start of the first purchase day, Unix seconds.
 */
firstOrder: number,
/**
 * Start of the last purchase day, Unix seconds.
 */
lastOrder: number,
/**
 * Probability that the customer is still active at the calibration end.
 */
pAlive: number,
/**
 * Expected orders within the horizon.
 */
expectedOrders: number,
/**
 * Probability of at least one order within the horizon (BG/NBD only).
 */
pOrderInHorizon: number | null,
/**
 * The day by which the customer has ordered again with probability
 * 1/2 (Unix seconds); none when that is less likely than not, or
 * beyond 100 years (BG/NBD only).
 */
expectedNextOrder: number | null,
/**
 * Expected value per order (Gamma-Gamma), minor units.
 */
expectedAov: number,
/**
 * Discounted value of the expected orders within the horizon, minor units.
 */
predictedClv: number,
/**
 * Short explanations of the figures, written when read.
 */
reasons: string[],
};

/**
 * Everything `analyse` found out.
 */
export type ClvReport = {
/**
 * The transaction model used for the predictions.
 */
model: TransactionModel,
/**
 * Time unit of recency, T and the rate parameters.
 */
unit: TimeUnit,
/**
 * Start of the last day of the calibration period, Unix seconds.
 */
calibrationEnd: number,
/**
 * Horizon of `expected_orders` and `predicted_clv`, months.
 */
horizonMonths: number,
/**
 * Monthly discount rate.
 */
discountRate: number,
/**
 * Currency of all money figures (minor units).
 */
currency: string | null,
/**
 * Customers with an order in the calibration period.
 */
customerCount: number,
/**
 * Customers with at least one repeat purchase.
 */
repeatBuyers: number,
/**
 * Repeat purchases of all customers together.
 */
totalRepeatPurchases: number,
/**
 * Days from the first order to the calibration end.
 */
historyDays: number,
/**
 * Orders used.
 */
ordersUsed: number,
/**
 * Orders left out, by reason.
 */
ordersSkipped: ClvSkipped,
/**
 * The BG/NBD fit (when `model` is BG/NBD).
 */
bgNbd: BgNbdFit | null,
/**
 * The Pareto/NBD fit (when `model` is Pareto/NBD).
 */
paretoNbd: ParetoNbdFit | null,
/**
 * The Gamma-Gamma spend fit.
 */
gammaGamma: GammaGammaFit,
/**
 * Expected order value of a customer without repeat purchases (minor units).
 */
populationAov: number,
/**
 * One entry per customer, in order of first appearance in the orders.
 */
customers: Array<ClvCustomer>,
/**
 * Anything the user should know about the fit or the predictions.
 */
warnings: Array<string>,
};

/**
 * A data requirement that is not met.
 */
export type Requirement = "customers" | "repeat_buyers" | "history_days";

/**
 * One unmet requirement: what there is, what is needed.
 */
export type ClvShortfall = {
/**
 * Which requirement.
 */
requirement: Requirement,
/**
 * What the data has.
 */
have: number,
/**
 * What is needed.
 */
need: number,
/**
 * How many more are needed.
 */
moreNeeded: number,
};

/**
 * The eleven segments of the R×F grid.
 */
export type RfmSegmentId = "champions" | "loyal" | "potential_loyalists" | "new_customers" | "promising" | "need_attention" | "about_to_sleep" | "at_risk" | "cant_lose_them" | "hibernating" | "lost";

/**
 * A, B or C.
 */
export type AbcClass = "A" | "B" | "C";

/**
 * A segment membership and why.
 */
export type Membership = {
/**
 * Segment id.
 */
id: string,
/**
 * Why the customer is a member.
 */
reason: string,
};

/**
 * One segment without its members' details.
 */
export type SegmentSummary = {
/**
 * Segment id, e.g. `rfm:at_risk`.
 */
id: string,
/**
 * `builtin`, `product`, `category`, `rfm`, `abc` or `rule`.
 */
kind: string,
/**
 * Display name in the chosen language.
 */
name: string,
/**
 * Number of members.
 */
count: number,
/**
 * Members / customers.
 */
shareOfCustomers: number,
/**
 * Members' revenue / revenue.
 */
shareOfRevenue: number,
/**
 * Members' net revenue, minor units.
 */
revenue: number,
/**
 * The rule, for custom segments.
 */
rule?: string,
/**
 * Member keys, when asked for.
 */
members?: Array<string>,
};

/**
 * One customer's figures and memberships.
 */
export type CustomerRow = {
/**
 * Customer key.
 */
customer: string,
/**
 * First order date, `yyyy-mm-dd`.
 */
firstOrder: string,
/**
 * Last order date, `yyyy-mm-dd`.
 */
lastOrder: string,
/**
 * Number of orders.
 */
orders: number,
/**
 * Net revenue, minor units.
 */
revenue: number,
/**
 * Average order value, minor units.
 */
averageOrderValue: number,
/**
 * Median days between order days (none with fewer than two).
 */
medianDaysBetweenOrders: number | null,
/**
 * Days from the last order to the as-of day.
 */
daysSinceLastOrder: number,
/**
 * R score 1 to 5.
 */
recency: number,
/**
 * F score 1 to 5.
 */
frequency: number,
/**
 * M score 1 to 5.
 */
monetary: number,
/**
 * R×F grid segment.
 */
rfmSegment: RfmSegmentId,
/**
 * ABC class.
 */
abc: AbcClass,
/**
 * P(alive), when CLV values were given.
 */
pAlive: number | null,
/**
 * Predicted CLV (minor units), when given.
 */
predictedClv: number | null,
/**
 * Expected orders, when given.
 */
expectedOrders: number | null,
/**
 * Product ids bought.
 */
products: Array<string>,
/**
 * Categories bought.
 */
categories: Array<string>,
/**
 * Segments with the reason for each membership.
 */
segments: Array<Membership>,
};

/**
 * Stable codes of `StammkundeError` (`err.code`; docs/developers.md, "Errors").
 */
export type StammkundeErrorCode = "invalid_input" | "invalid_option" | "unknown_format" | "wrong_unit" | "rule" | "unknown_segment" | "unknown_customer" | "insufficient_data" | "mixed_currencies" | "fit_failed" | "internal";

/**
 * Language of names, reasons, messages and CSV format.
 */
export type Lang = "en" | "de";

/**
 * Where the orders come from; see `read`.
 */
export type OrderFormat = "shopify" | "shopify-graphql" | "shopware" | "woocommerce" | "csv" | "canonical" | "cdnow";

/** CSV fields that `mapping` can name columns for. */
export type CsvField = "order_id" | "customer" | "email" | "placed_at" | "time" | "total" | "currency" | "status" | "refunded" | "cancelled_at" | "sku" | "product_id" | "name" | "category" | "quantity" | "unit_price";

/**
 * Options for reading orders. Every field is optional; the names are
 * camelCase (`timeZone`), snake_case is accepted too, and unknown names
 * are an error (so a typo does not pass silently).
 */
export type ReadOrdersOptions = {
/**
 * Base currency all figures are in (ISO code). Default: the currency
 * most orders have.
 */
currency?: string,
/**
 * Exchange rates to the base currency: units of the base per one unit
 * of the key currency, e.g. `{"CHF": 1.05}` with base EUR.
 */
rates?: { [key in string]: number },
/**
 * CSV only: canonical field name to column header, e.g.
 * `{"order_id": "Beleg", "total": "Brutto"}` (see `super::csv`).
 */
mapping?: Partial<Record<CsvField, string>>,
/**
 * CSV only: field separator; default: detected from the header line
 * (`;`, `,` or tab).
 */
delimiter?: string,
/**
 * CSV only: decimal separator, `,` or `.`; default: detected from the
 * values (`1.234,56` vs `1,234.56`), else `,` for `;`-separated files.
 */
decimal?: "," | ".",
/**
 * The shop's time zone, where its days begin (see `crate::calendar`):
 * `Europe/Berlin` and the other European zones, `UTC`, or a fixed
 * offset such as `+01:00`. Default UTC. Naive local times are read in
 * this zone; UTC times are cut at its midnight.
 */
timeZone?: string,
/**
 * Offset changes of a zone without a native rule, as `[from, minutes]`
 * pairs (Unix seconds, minutes east of UTC), e.g. computed with the
 * browser's `Intl`; used instead of `time_zone` when not empty.
 */
zoneOffsets?: [number, number][],
};

/**
 * Options of `analyse`. In JSON/JS every field is optional and
 * camelCase; unknown fields are refused, so a typo is reported
 * rather than silently ignored.
 */
export type ClvOptions = {
/**
 * End of the calibration period, Unix seconds (the whole day counts);
 * orders after it are ignored. `None`: the day of the latest order.
 * In JS also `'YYYY-MM-DD'`, `'31.01.2026'` or a `Date`.
 */
calibrationEnd?: number | string | Date,
/**
 * Days or weeks (default weeks).
 */
unit?: TimeUnit,
/**
 * Horizon of expected orders and CLV in months (1 to 120, default 12).
 */
horizonMonths?: number,
/**
 * Monthly discount rate (0 to < 1, default 0.01 as in `lifetimes`).
 */
discountRate?: number,
/**
 * Fewest customers to fit on (default 500).
 */
minCustomers?: number,
/**
 * Fewest repeat buyers to fit on (default 100).
 */
minRepeatBuyers?: number,
/**
 * Fewest days from the first order to the calibration end (default 180).
 */
minHistoryDays?: number,
/**
 * BG/NBD (default) or Pareto/NBD.
 */
model?: TransactionModel,
/**
 * L2 penalty on the parameters as in `lifetimes` (default 0: plain
 * maximum likelihood). Small values (0.001 to 0.1) steady fits on
 * little data.
 */
penalizer?: number,
/**
 * Analyse only orders in this currency; needed when orders mix
 * currencies.
 */
currency?: string,
/**
 * The shop's offset from UTC in minutes for cutting days (default 0).
 */
utcOffsetMinutes?: number,
/**
 * The shop's time zone (see `crate::calendar`), e.g.
 * `Europe/Berlin`; overrides `utc_offset_minutes`.
 */
timeZone?: string,
/**
 * Offset changes `[from, minutes]` of a zone without a native rule;
 * overrides `time_zone`.
 */
zoneOffsets?: [number, number][],
/**
 * Language of messages and reasons (`en` default natively, `de` in JS).
 */
lang?: Lang,
};

/**
 * A custom segment defined by a rule.
 */
export type SegmentRule = {
/**
 * Identifier; the segment id is `rule:<id>`.
 */
id: string,
/**
 * Display name; the id when empty.
 */
name?: string,
/**
 * The rule, e.g. `amount_spent > 500 AND number_of_orders >= 3`.
 */
rule: string,
};

/**
 * Thresholds and options. Every field has a default; in JSON and JS the
 * names are camelCase (`asOf`, `highRevenue`, …), snake_case is accepted
 * too, and unknown names are an error (so a typo does not pass silently).
 */
export type SegmentOptions = {
/**
 * The as-of time, Unix seconds; the whole day containing it counts and
 * later orders are ignored. `None`: now (the system clock natively;
 * the JS binding passes `Date.now()`). In JS also `'YYYY-MM-DD'` or
 * `'31.01.2026'` (that day in the shop's zone) or a `Date`.
 */
asOf?: string | Date | number,
/**
 * The shop's offset from UTC in minutes, to cut days at local midnight
 * (60 for CET). Default 0: UTC days.
 */
utcOffsetMinutes?: number,
/**
 * The shop's time zone (see `crate::calendar`): `Europe/Berlin` and
 * the other European zones with summer time, `UTC` or `+01:00`.
 * Overrides `utcOffsetMinutes`. Orders read from text take the same
 * zone for their local times.
 */
timeZone?: string,
/**
 * Offset changes `[from, minutes]` of a zone without a native rule
 * (e.g. from the browser's `Intl`); overrides `timeZone`.
 */
zoneOffsets?: [number, number][],
/**
 * `high_revenue`: net revenue over this, minor units (default 50000 = 500,00).
 */
highRevenue?: number,
/**
 * `new_customers`: first order within this period: days, weeks,
 * months or years such as `30d`, `2w`, `1m`, `1y` (default `1m`).
 */
newWithin?: string,
/**
 * `frequent_buyers`: more than this many orders (default 3).
 */
frequentMoreThan?: number,
/**
 * `sleepers`: no order within this period, e.g. `8w` (default `12w`).
 */
sleepersAfter?: string,
/**
 * `churn_warning`: at least this many orders (default 3) …
 */
churnMinOrders?: number,
/**
 * … and days since the last order above this factor times the
 * customer's median gap (default 2).
 */
churnGapFactor?: number,
/**
 * `vip`: this top share of customers by revenue (default 0.1).
 */
vipShare?: number,
/**
 * `likely_churned`: P(alive) below this (default 0.3).
 */
likelyChurnedBelow?: number,
/**
 * ABC: share of revenue of class A (default 0.8).
 */
abcA?: number,
/**
 * ABC: share of revenue of class B (default 0.15); C is the rest.
 */
abcB?: number,
/**
 * One `product:<sku>` segment per entry (matches product id or SKU).
 */
products?: Array<string>,
/**
 * One `category:<name>` segment per entry.
 */
categories?: Array<string>,
/**
 * Custom segments.
 */
rules?: Array<SegmentRule>,
/**
 * Only orders in this currency when the table is built from orders
 * (the JS bindings, the command line's `segment`); default: the first
 * usable order's. The segment computation itself does not read it.
 */
currency?: string,
};

/**
 * The shop page types, in the order of their codes (0 = home ... 6 = other).
 */
export type PageType = "home" | "category" | "product" | "cart" | "checkout" | "confirmation" | "other";

/**
 * Options of `new IntentEngine(options)`: the `intent` settings of the
 * script tag's config (docs/operators.md). Every field is optional.
 */
export type IntentOptions = {
/**
 * Default "medium".
 */
sensitivity?: "low" | "medium" | "high",
/**
 * Seconds on the page before intent may fire, 0 to 3600. Default 5.
 */
minTimeOnPage?: number,
/**
 * Seconds after firing before it may fire again, 0 to 86400. Default 30.
 */
cooldown?: number,
/**
 * Page types on which intent may fire. Default all but checkout and confirmation.
 */
pages?: Array<PageType>,
/**
 * "touch" enables the mobile signals; default "desktop" (the package
 * does not guess the device).
 */
device?: "desktop" | "touch",
};

/**
 * Options of `demoOrders`, `demoColumns` and `demoCsv`; every field is
 * optional. Whole numbers are checked by the binding (ranges in the
 * message).
 */
export type DemoOptions = {
/**
 * Number of customers; default 2000.
 */
customers?: number,
/**
 * Approximate number of orders; default about 6 per customer.
 */
orders?: number,
/**
 * Seed; default 1.
 */
seed?: number,
/**
 * As-of date: "2026-11-01", a Date, or milliseconds since the epoch;
 * default 2026-11-01.
 */
asOf?: string | Date | number,
};

/**
 * Options of `exportCsv` and `segmentsCsv`; every field is optional.
 */
export type CsvExportOptions = {
/**
 * 'de': ';', 1234,56, 31.01.2026 (default); 'en': ',', 1234.56, 2026-01-31.
 */
lang?: Lang,
/**
 * Only the members of this segment, with a reason column.
 */
segment?: string,
/**
 * UTF-8 byte order mark; default: for German only.
 */
bom?: boolean,
};

/**
 * The kind of a column in `table_csv`, which decides how its values are
 * written.
 */
export type TableCsvType = "text" | "int" | "number" | "ratio" | "money" | "date";

/**
 * A column of `tableCsv`: header and how its values are written.
 */
export type TableCsvColumn = {
/**
 * The header cell.
 */
header: string,
/**
 * text (neutralised against formulas; arrays joined with ', '), int,
 * number (2 decimals), ratio (4 decimals), money (minor units), date
 * (Unix seconds, UTC day).
 */
type: TableCsvType,
};

/**
 * Options of `tableCsv`; every field is optional.
 */
export type TableCsvOptions = {
/**
 * 'de': ';', 1234,56, 31.01.2026 (default); 'en': ',', 1234.56, 2026-01-31.
 */
lang?: Lang,
/**
 * ISO code of the money columns, for their minor digits (JPY 0, KWD 3). Default EUR.
 */
currency?: string,
/**
 * UTF-8 byte order mark. Default true.
 */
bom?: boolean,
};

/**
 * CLV values for one customer; the CLV report's customers fit as they
 * are (their other fields are ignored).
 */
export type CustomerClvValues = {
/**
 * The customer key, as in the orders.
 */
customer: string,
/**
 * Probability that the customer is still active, 0 to 1.
 */
pAlive?: number,
/**
 * Predicted customer lifetime value, minor units.
 */
predictedClv?: number,
/**
 * Expected number of orders over the CLV horizon.
 */
expectedOrders?: number,
};

/**
 * A survey answer; score and date may be strings as read from a form, the
 * date also a `Date`.
 */
export type NpsAnswer = {
/**
 * Customer key, as in the orders.
 */
customer: string,
/**
 * 0 to 10.
 */
score: number | string,
/**
 * 'YYYY-MM-DD', '31.01.2026' or a `Date`.
 */
date: string | Date,
};

/**
 * One field and the column it is read from.
 */
export type OrderFileColumn = {
/**
 * The canonical field, e.g. `placed_at`.
 */
field: CsvField,
/**
 * The column's header, `None` when no column was recognised.
 */
column: string | null,
/**
 * Whether the file cannot be read without it.
 */
required: boolean,
};

/**
 * What `inspect` found.
 */
export type OrderFileFacts = {
/**
 * `csv`, `canonical`, `shopify`, … (see `Format::parse`).
 */
format: OrderFormat,
/**
 * The encoding's name, e.g. `Windows-1252`.
 */
encoding: "UTF-8" | "UTF-8 (BOM)" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252",
/**
 * CSV: the field separator.
 */
delimiter: string | null,
/**
 * CSV: the decimal separator, `,` or `.`.
 */
decimal: "," | "." | null,
/**
 * CSV: how dates are written: `dd.mm.yyyy`, `yyyy-mm-dd` or `yyyymmdd`.
 */
date_style: "dd.mm.yyyy" | "yyyy-mm-dd" | "yyyymmdd" | null,
/**
 * The file's currency when all its orders have one; `None` when the
 * file names none (CSV without a currency column) or several.
 */
currency: string | null,
/**
 * Orders per currency named in the file.
 */
currencies: Record<string, number>,
/**
 * Data rows (CSV) or orders (other formats).
 */
rows: number,
/**
 * First and last order day (days since 1970-01-01, UTC).
 */
first_day: number | null,
/**
 * See `first_day`.
 */
last_day: number | null,
/**
 * The suggested as-of day: today, or the day after the last order
 * when the file ends more than `STALE_DAYS` before today.
 */
as_of_day: number,
/**
 * Whether `as_of_day` is the day after the last order.
 */
as_of_after_last: boolean,
/**
 * CSV: the header as written.
 */
header: Array<string>,
/**
 * CSV: every field and its column.
 */
mapping: Array<OrderFileColumn>,
/**
 * CSV: the first data rows, cell by cell (to see the encoding right).
 */
sample: Array<Array<string>>,
/**
 * What keeps the file from being read as it stands (a required column
 * not found, not JSON, …), with the fix.
 */
problem: RowError | null,
};

/** Causes of rejected rows (`RowErrorGroup.code`). */
export type RowErrorCause = "currency_mismatch" | "duplicate_id" | "empty_id" | "empty_customer" | "time_unit" | "bad_date" | "bad_time" | "amount_unit" | "bad_amount" | "amount_too_large" | "negative_amount" | "missing_refund" | "bad_status" | "bad_currency" | "bad_rate" | "bad_quantity" | "bad_item" | "bad_score" | "missing_field" | "bad_type" | "unclosed_quote" | "column_count" | "length_mismatch" | "empty_file" | "not_json" | "not_text" | "not_orders" | "api_errors" | "missing_column" | "bad_mapping" | "bad_delimiter" | "bad_decimal" | "bad_time_zone" | "other";

/**
 * One group of rejected rows with the same cause.
 */
export type RowErrorGroup = {
/**
 * The cause code (see `classify`; `codes` lists them).
 */
code: RowErrorCause,
/**
 * The column or field.
 */
field: string,
/**
 * For `currency_mismatch`: the rows' currency.
 */
currency: string | null,
/**
 * For `currency_mismatch`: the base currency.
 */
base: string | null,
/**
 * Rows with this cause.
 */
count: number,
/**
 * The first row with this cause, as the reader reported it.
 */
example: RowError,
};

/**
 * What happened to the input rows of a segment computation.
 */
export type SegmentImport = {
/**
 * Rows (or orders) read.
 */
read: number,
/**
 * Orders used.
 */
used: number,
/**
 * Rows rejected (see `errors`).
 */
rejected: number,
/**
 * Cancelled or refunded orders, left out.
 */
cancelled: number,
/**
 * Orders that appeared more than once.
 */
duplicates: number,
/**
 * One entry per rejected row.
 */
errors: Array<RowError>,
};

/**
 * One point of the Pareto curve: the top `customers` share of customers
 * (by revenue) makes `revenue` share of the revenue. Both from 0 to 1.
 */
export type ParetoPoint = {
/**
 * Share of customers, 0 to 1.
 */
customers: number,
/**
 * Share of revenue, 0 to 1.
 */
revenue: number,
};

/**
 * Counts and score of a set of answers.
 */
export type Nps = {
/**
 * Answers counted.
 */
responses: number,
/**
 * Scores 9 and 10.
 */
promoters: number,
/**
 * Scores 7 and 8.
 */
passives: number,
/**
 * Scores 0 to 6.
 */
detractors: number,
/**
 * % promoters − % detractors, −100 to 100; 0 without answers.
 */
nps: number,
};

/**
 * The NPS of one segment.
 */
export type SegmentNps = {
/**
 * Segment id.
 */
id: string,
/**
 * Its NPS.
 */
nps: Nps,
};

/**
 * The NPS overall and per segment, with the rejected answers.
 */
export type NpsReport = {
/**
 * Rejected answers.
 */
errors: Array<RowError>,
/**
 * All counted answers (latest per customer up to the as-of day).
 */
overall: Nps,
/**
 * Per segment id, in the order of the segmentation.
 */
segments: Array<SegmentNps>,
/**
 * Counted answers from customers without orders up to the as-of day
 * (in `overall`, in no segment).
 */
withoutOrders: number,
/**
 * Answers left out because they came after the as-of day.
 */
afterAsOf: number,
};

/**
 * A parsed rule (`parseRule`).
 */
export type RuleInfo = {
/**
 * The rule's text.
 */
text: string,
/**
 * The fields it reads, in order of appearance.
 */
fields: Array<string>,
};
