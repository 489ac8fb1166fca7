"""The SQL of `stammkunde sql` on real engines equals the engine.

For each data set (the CDNOW sample, the demo shop's orders) and as-of
date: the orders go into a table of the table contract (`stammkunde
table`), the generated SQL runs on embedded DuckDB and on a PostgreSQL
server started here (initdb on 127.0.0.1, a free port, a temporary
directory; stopped at the end), and every customer's figures, scores,
classes and segment memberships must equal `stammkunde segment --format
json` exactly; the CLV summary must equal the summary of `stammkunde clv`;
`stammkunde clv --from-summary` on the warehouse's summary must predict
what `stammkunde clv` predicts from the orders. The BigQuery SQL is parsed
by sqlglot's BigQuery dialect (a parse error fails).

Usage: python tests/sql/check.py --bin target/debug/stammkunde
"""

import argparse
import csv
import glob
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import duckdb
import sqlglot
import sqlglot.errors

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Rules that touch every kind of condition the SQL side compiles.
RULES = [
    "amount_spent > 100 AND NOT segment = 'vip'",
    "median_days_between_orders <= 30 OR rfm_segment = 'at_risk' OR abc = 'B'",
    "first_order_date >= -6m AND days_since_last_order < 40",
    "average_order_value >= 25,50 ODER (number_of_orders >= 3 UND last_order_date < 2024-12-24)",
    "NICHT segment = 'rfm:lost' AND recency_score >= 2 AND monetary_score != 5 AND frequency_score > 1",
    "segment = 'rule:rule1' OR segment = 'sleepers' OR customer = 'k-10027' OR customer = '00004'",
    "segment = 'churn_warning' OR segment = 'new_customers' OR segment = 'frequent_buyers' OR segment = 'high_revenue'",
]

DATASETS = [
    # name, file, as-of dates, UTC offset (minutes), extra sql options
    ("cdnow", "tests/fixtures/cdnow/CDNOW_sample.txt", ["1997-03-31", "1997-09-30", "1998-06-30"], 0, []),
    ("demo", "www/admin/demo-orders.csv", ["2025-06-30", "2026-11-01"], 60, ["--refunded-column", "refunded_minor"]),
]

TABLE_COLUMNS = [
    ("order_id", "VARCHAR", "TEXT"),
    ("customer_id", "VARCHAR", "TEXT"),
    ("placed_at", "TIMESTAMP", "TIMESTAMP"),
    ("total_minor", "BIGINT", "BIGINT"),
    ("currency", "VARCHAR", "TEXT"),
    ("status", "VARCHAR", "TEXT"),
    ("refunded_minor", "BIGINT", "BIGINT"),
]

BUILTINS = ["high_revenue", "new_customers", "frequent_buyers", "sleepers", "churn_warning", "vip"]


STARTED = time.monotonic()


def log(text):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


def boundary_orders(tmp):
    """Orders on the edges: an ABC share of exactly 80 % and 95 %, ties in
    every score, days cut at local midnight (UTC+1), same-day orders, odd
    and even gap counts, refunds of part and of all of the total, statuses,
    a repeated id, and rows the engine rejects (negative total or refund,
    no customer key, a time before 1970). Written as canonical JSON for
    the engine and as a table of the contract for the databases."""
    day = 86_400
    as_of = 20_000  # 2024-10-04
    rows = []

    def order(i, customer, seconds, total, status="completed", refunded=None):
        rows.append((f"b{i}", customer, seconds, total, status, refunded))

    # ABC on its own: 4000 + 4000 + 1500 + 500 = 10000, shares above 0 %
    # (twice, a tie), 80 %, 95 %: exactly on the class limits.
    order(1, "abc-a", (as_of - 10) * day, 4000)
    order(2, "abc-a2", (as_of - 11) * day, 4000)
    order(3, "abc-b", (as_of - 10) * day, 1500)
    order(4, "abc-c", (as_of - 10) * day, 500)
    abc_rows = list(rows)
    rows.clear()
    # Local midnight at UTC+1: 22:59:59 UTC is still the as-of day, 23:00 UTC the next.
    order(5, "late", (as_of + 1) * day - 3601, 700)
    order(6, "late", (as_of + 1) * day - 3600, 900)
    order(7, "early", (as_of - 5) * day - 3600, 300)  # 00:00 local on as_of - 5
    # Same day twice, gaps 10, 20, 30 (odd) and 7, 7, 14, 28 (even).
    for k, d in enumerate([100, 100, 90, 70, 40]):
        order(10 + k, "odd", (as_of - d) * day + 3600, 1000)
    for k, d in enumerate([200, 193, 186, 172, 144]):
        order(20 + k, "even", (as_of - d) * day + 7200, 1500)
    # Refunds and statuses.
    order(30, "refund", (as_of - 3) * day, 5000, "partially_refunded", 1200)
    order(31, "refund", (as_of - 2) * day, 4000, "partially_refunded", 4000)  # all of it: left out
    order(32, "refund", (as_of - 1) * day, 3000, "cancelled")
    order(33, "refund", (as_of - 1) * day, 3000, "refunded")
    order(34, "zero", (as_of - 400) * day, 0)
    # Rejected rows.
    order(40, "neg", (as_of - 3) * day, -100)
    order(41, "negref", (as_of - 3) * day, 100, "partially_refunded", -5)
    order(42, "   ", (as_of - 3) * day, 100)
    order(43, "past", -86_400, 100)
    # A repeated id (the same row twice), a key with spaces around it.
    order(50, "twice", (as_of - 30) * day, 2500)
    order(50, "twice", (as_of - 30) * day, 2500)
    order(51, " twice ", (as_of - 20) * day, 2500)
    # Ties: 30 customers over a few values of recency, frequency and revenue.
    for c in range(30):
        for k in range(1 + c % 3):
            order(1000 + c * 10 + k, f"tie{c:02}", (as_of - 7 * (c % 4) - 50 * k) * day + 43_200, 1000 * (1 + c % 5))
    return [("edges", write_set(tmp, "edges", rows)), ("abc", write_set(tmp, "abc", abc_rows))], "2024-10-04"


def write_set(tmp, name, rows):
    canonical = []
    for oid, cust, sec, total, status, refunded in rows:
        o = {"id": oid, "customer": cust, "placed_at": sec, "total": total, "currency": "EUR"}
        if status == "partially_refunded":
            o["status"] = {"kind": status, "amount": refunded}
        elif status != "completed":
            o["status"] = {"kind": status}
        canonical.append(o)
    json_path = os.path.join(tmp, f"{name}.json")
    with open(json_path, "w") as f:
        json.dump(canonical, f)
    csv_path = os.path.join(tmp, f"{name}.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([c for c, _, _ in TABLE_COLUMNS])
        for oid, cust, sec, total, status, refunded in rows:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(sec))
            w.writerow([oid, cust, stamp, total, "EUR", status, "" if refunded is None else refunded])
    return json_path, csv_path


def run(args, **kw):
    out = subprocess.run(args, capture_output=True, text=True, **kw)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{out.stderr}")
    return out.stdout


class Postgres:
    """A throw-away PostgreSQL cluster on 127.0.0.1."""

    def __init__(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            sys.exit("PostgreSQL is not installed (make test-sql installs Debian's postgresql)")
        self.bin = os.path.dirname(found[-1])
        self.dir = tempfile.mkdtemp(prefix="stammkunde-pg-")
        self.data = os.path.join(self.dir, "data")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        # The server refuses to run as root: run it as the postgres user.
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            os.chmod(self.dir, 0o700)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        run(self.as_user + [f"{self.bin}/initdb", "-D", self.data, "-A", "trust", "-U", "stammkunde", "-E", "UTF8", "--locale", "C"])
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c full_page_writes=off"
        run(self.as_user + [f"{self.bin}/pg_ctl", "-D", self.data, "-o", opts, "-l", os.path.join(self.dir, "log"), "-w", "start"])

    def psql(self, sql, stdin=None):
        args = [f"{self.bin}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
                "-U", "stammkunde", "-d", "postgres", "-c", sql]
        out = subprocess.run(args, capture_output=True, text=True, input=stdin)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr}\n{sql[:2000]}")
        return out.stdout

    def load(self, table, path):
        cols = ", ".join(f"{c} {pg}" for c, _, pg in TABLE_COLUMNS)
        self.psql(f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} ({cols})")
        with open(path, encoding="utf-8") as f:
            self.psql(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", stdin=f.read())
        # Statistics, as a warehouse table has them (the planner needs row counts).
        self.psql(f"ANALYZE {table}")

    def query(self, sql):
        text = self.psql(f"COPY ({sql.strip()}) TO STDOUT WITH (FORMAT csv, HEADER true)")
        rows = list(csv.DictReader(io.StringIO(text)))
        text_columns = {"customer", "rfm_segment", "abc", "first_order", "last_order"}
        return [{k: v if k in text_columns else pg_value(v) for k, v in r.items()} for r in rows]

    def stop(self):
        subprocess.run(self.as_user + [f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


def pg_value(v):
    """PostgreSQL CSV text to a Python value (NULL is empty)."""
    if v == "":
        return None
    if v in ("t", "f"):
        return v == "t"
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


class DuckDb:
    def __init__(self):
        self.con = duckdb.connect()

    def load(self, table, path):
        types = ", ".join(f"'{c}': '{duck}'" for c, duck, _ in TABLE_COLUMNS)
        self.con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, types = {{{types}}})")

    def query(self, sql):
        cur = self.con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def plain(v):
    """DuckDB values (dates, decimals) as the engine's JSON writes them."""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def compare_segments(label, engine, rows):
    expected = {c["customer"]: c for c in engine["customerRows"]}
    got = {r["customer"]: {k: plain(v) for k, v in r.items()} for r in rows}
    if set(expected) != set(got):
        missing = sorted(set(expected) - set(got))[:5]
        extra = sorted(set(got) - set(expected))[:5]
        sys.exit(f"{label}: customers differ ({len(expected)} vs {len(got)}); missing {missing}, extra {extra}")
    fields = [
        ("orders", "orders"), ("revenue", "revenue"), ("firstOrder", "first_order"), ("lastOrder", "last_order"),
        ("daysSinceLastOrder", "days_since_last_order"), ("medianDaysBetweenOrders", "median_days_between_orders"),
        ("averageOrderValue", "average_order_value"), ("recency", "recency"), ("frequency", "frequency"),
        ("monetary", "monetary"), ("rfmSegment", "rfm_segment"), ("abc", "abc"),
    ]
    rule_ids = [s["id"] for s in engine["segments"] if s["id"].startswith("rule:")]
    memberships = 0
    for key, e in expected.items():
        g = got[key]
        for ek, gk in fields:
            # Exact equality, floats included (both sides do the same IEEE operations).
            if e[ek] != g[gk]:
                sys.exit(f"{label}: customer {key}: {ek} is {e[ek]!r} in the engine, {g[gk]!r} in SQL")
        ids = {m["id"] for m in e["segments"]}
        for b in BUILTINS:
            if (b in ids) != g[b]:
                sys.exit(f"{label}: customer {key}: segment {b}: engine {b in ids}, SQL {g[b]}")
        for rid in rule_ids:
            column = "rule_" + "".join(ch if ch.isalnum() else "_" for ch in rid[len("rule:"):])
            if (rid in ids) != g[column]:
                sys.exit(f"{label}: customer {key}: segment {rid}: engine {rid in ids}, SQL {g[column]}")
        memberships += len(ids)
    return len(expected), memberships


def compare_summary(label, clv, rows):
    expected = {c["customer"]: c for c in clv["customers"]}
    got = {r["customer"]: r for r in rows}
    if set(expected) != set(got):
        sys.exit(f"{label}: CLV customers differ ({len(expected)} vs {len(got)})")
    for key, e in expected.items():
        g = got[key]
        for ek, gk in (("frequency", "frequency"), ("recency", "recency"), ("t", "T"), ("monetary", "monetary")):
            if e[ek] != g[gk]:
                sys.exit(f"{label}: customer {key}: {ek} is {e[ek]!r} in the engine, {g[gk]!r} in SQL")
    return len(expected)


def write_summary(rows, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer", "frequency", "recency", "T", "monetary"])
        for r in rows:
            w.writerow([r["customer"], r["frequency"], repr(float(r["recency"])), repr(float(r["T"])), repr(float(r["monetary"]))])


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def check_bigquery(sql, label):
    try:
        parsed = sqlglot.parse(sql, read="bigquery", error_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.SqlglotError as e:
        sys.exit(f"{label}: sqlglot cannot parse the BigQuery SQL: {e}")
    if len(parsed) != 1 or parsed[0] is None:
        sys.exit(f"{label}: expected one BigQuery statement, got {len(parsed)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    a = ap.parse_args()
    exe = os.path.abspath(a.bin)
    tmp = tempfile.mkdtemp(prefix="stammkunde-sql-")
    os.chmod(tmp, 0o755)
    # The parser must be honest: a broken statement fails.
    try:
        sqlglot.parse("SELECT (1 FROM t", read="bigquery", error_level=sqlglot.ErrorLevel.RAISE)
        sys.exit("sqlglot accepted a broken statement: the BigQuery check would prove nothing")
    except sqlglot.errors.ParseError:
        pass
    duck = DuckDb()
    pg = Postgres()
    log(f"PostgreSQL started on 127.0.0.1:{pg.port}")
    try:
        sets, as_of = boundary_orders(tmp)
        base = ["--as-of", as_of, "--utc-offset", "60"]
        rule_args = [x for r in RULES for x in ("--rule", r)]
        for name, (json_path, csv_path) in sets:
            duck.load(name, csv_path)
            pg.load(name, csv_path)
            engine = json.loads(run([exe, "segment", json_path, "--format", "json", "--lang", "en"] + base + rule_args))
            if name == "abc":
                classes = [c["abc"] for c in sorted(engine["customerRows"], key=lambda c: c["customer"])]
                if classes != ["A", "A", "B", "C"]:
                    sys.exit(f"boundary: the ABC edge cases are not on the edges: {classes}")
            for dialect, db in (("duckdb", duck), ("postgres", pg)):
                sql = run([exe, "sql", "--dialect", dialect, "--table", name, "--refunded-column", "refunded_minor"] + base + rule_args)
                n, m = compare_segments(f"boundary orders ({name}) on {dialect}", engine, db.query(sql))
                log(f"ok: boundary orders ({name}) on {dialect}: {n} customers, {m} memberships equal")
        for name, path, as_ofs, offset, extra in DATASETS:
            src = os.path.join(ROOT, path)
            table_csv = os.path.join(tmp, f"{name}.csv")
            # Local times are the shop's: the table holds UTC instants.
            run([exe, "table", src, "--utc-offset", str(offset), "--out", table_csv])
            duck.load(name, table_csv)
            pg.load(name, table_csv)
            for as_of in as_ofs:
                base = ["--as-of", as_of, "--utc-offset", str(offset)]
                rule_args = [x for r in RULES for x in ("--rule", r)]
                engine = json.loads(run([exe, "segment", src, "--format", "json", "--lang", "en"] + base + rule_args))
                for dialect, db in (("duckdb", duck), ("postgres", pg)):
                    sql = run([exe, "sql", "--dialect", dialect, "--table", name] + base + extra + rule_args)
                    label = f"{name} as of {as_of} on {dialect}"
                    n, m = compare_segments(label, engine, db.query(sql))
                    log(f"ok: {label}: {n} customers, {m} memberships equal")
                bq = run([exe, "sql", "--dialect", "bigquery", "--table", "shop.orders"] + base + extra + rule_args)
                check_bigquery(bq, f"{name} as of {as_of}")
                bq_clv = run([exe, "sql", "--dialect", "bigquery", "--clv-summary"] + base + extra)
                check_bigquery(bq_clv, f"{name} CLV summary as of {as_of}")
                log(f"ok: {name} as of {as_of}: the BigQuery SQL parses")
            # The same orders under the shop's own column names, times as Unix
            # seconds, ids unique: the mapping options give the same result.
            mapped = f"{name}_mapped"
            select = ("SELECT order_id AS bestellnummer, customer_id AS kunde, CAST({epoch} AS BIGINT) AS ts, "
                      "total_minor AS cent, currency AS cur, status AS st, refunded_minor AS ref FROM " + name)
            duck.con.execute(f"CREATE OR REPLACE TABLE {mapped} AS " + select.format(epoch="epoch(placed_at)"))
            pg.psql(f"CREATE TABLE {mapped} AS " + select.format(epoch="EXTRACT(EPOCH FROM placed_at)"))
            as_of = as_ofs[-1]
            base = ["--as-of", as_of, "--utc-offset", str(offset)]
            mapping = ["--epoch-seconds", "--unique-ids", "--refunded-column", "ref", "--column", "order_id=bestellnummer",
                       "--column", "customer_id=kunde", "--column", "placed_at=ts", "--column", "total_minor=cent",
                       "--column", "currency=cur", "--column", "status=st"]
            engine = json.loads(run([exe, "segment", src, "--format", "json", "--lang", "en"] + base))
            for dialect, db in (("duckdb", duck), ("postgres", pg)):
                sql = run([exe, "sql", "--dialect", dialect, "--table", mapped] + base + mapping)
                label = f"{name} as of {as_of} on {dialect}, mapped columns and Unix seconds"
                n, m = compare_segments(label, engine, db.query(sql))
                log(f"ok: {label}: {n} customers, {m} memberships equal")
            check_bigquery(run([exe, "sql", "--dialect", "bigquery", "--table", "p.d.t"] + base + mapping), "mapped")
            # CLV: the warehouse's summary equals the engine's; the fit on it equals the fit on the orders.
            as_of = as_ofs[-1]
            base = ["--as-of", as_of, "--utc-offset", str(offset)]
            small = ["--min-customers", "10", "--min-repeat-buyers", "3", "--min-history-days", "30"]
            clv = json.loads(run([exe, "clv", src, "--format", "json", "--lang", "en"] + base + small))
            for dialect, db in (("duckdb", duck), ("postgres", pg)):
                sql = run([exe, "sql", "--dialect", dialect, "--table", name, "--clv-summary"] + base + extra)
                rows = db.query(sql)
                n = compare_summary(f"{name} CLV summary on {dialect}", clv, rows)
                log(f"ok: {name} CLV summary on {dialect}: {n} customers equal")
            summary_csv = os.path.join(tmp, f"{name}-summary.csv")
            write_summary(rows, summary_csv)
            from_summary = json.loads(run([exe, "clv", "--from-summary", summary_csv, "--format", "json", "--lang", "en"] + base + small))
            by_key = {c["customer"]: c for c in from_summary["customers"]}
            for c in clv["customers"]:
                s = by_key[c["customer"]]
                for k in ("pAlive", "expectedOrders", "expectedAov", "predictedClv"):
                    # The fit runs again on the summary in the warehouse's row
                    # order: sums in another order take the optimiser a few
                    # steps elsewhere within its tolerance.
                    if abs(c[k] - s[k]) > 1e-6 * max(1.0, abs(c[k]), abs(s[k])):
                        sys.exit(f"{name}: clv --from-summary: customer {c['customer']}: {k} {s[k]} vs {c[k]} from the orders")
            log(f"ok: {name}: clv --from-summary predicts what clv predicts from the orders "
                  f"({from_summary['fit']['transactionIterations']} iterations)")
    finally:
        pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print("SQL equals the engine on DuckDB and PostgreSQL; the BigQuery SQL parses")


if __name__ == "__main__":
    main()
