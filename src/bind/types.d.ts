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
 * ([`causes::code`], e.g. `bad_date`), which the admin's texts in German
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
code: string,
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
 * Everything [`analyse`] found out.
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
