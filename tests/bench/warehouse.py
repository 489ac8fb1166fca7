"""`make bench`, warehouse part: the command-line tool and DuckDB running
the generated SQL on the same orders, side by side.

1. DuckDB writes N pseudo-random orders (default 10 M; about 2 % cancelled,
   N / 5 customers, two years) as an English CSV, `total` in currency units.
2. `stammkunde segment` and `stammkunde clv` read that file (time and peak
   memory of each process, from getrusage of the child).
3. DuckDB loads the same file into a table of the table contract
   (`total_minor` in cents) and runs `stammkunde sql` (segments with one
   rule) and `stammkunde sql --clv-summary` (time per query, peak memory of
   the DuckDB process); `stammkunde clv --from-summary` fits on the
   summary DuckDB computed.

Results go to target/bench/warehouse.json for tests/bench/run.mjs.

Usage: python tests/bench/warehouse.py --bin target/bench-unwind/stammkunde [--orders N]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

AS_OF = "2026-11-01"
RULE = "amount_spent > 500 AND NOT segment = 'sleepers'"


def child_peak_kb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def timed(args):
    """Runs a child process; its wall time and peak resident memory (kB).
    Each measured command runs in its own helper process, so that the
    children's peak is this command's alone."""
    code = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.monotonic()\n"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "s = time.monotonic() - t\n"
        "print(json.dumps({'seconds': s, 'peak_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " 'code': r.returncode, 'stderr': r.stderr[-2000:]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code] + args, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result['stderr']}")
    return {"seconds": result["seconds"], "peak_mb": result["peak_kb"] / 1024}


DUCKDB_RUN = r'''
import json, resource, sys, time
import duckdb
csv, segments_sql, clv_sql, summary_csv = sys.argv[1:5]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
t = time.monotonic()
con.execute(f"""CREATE TABLE orders AS
  SELECT order_id, customer_id, placed_at, CAST(round(total * 100) AS BIGINT) AS total_minor, currency, status
  FROM read_csv('{csv}', header = true, types = {{'order_id': 'VARCHAR', 'customer_id': 'VARCHAR',
    'placed_at': 'TIMESTAMP', 'total': 'DECIMAL(12,2)', 'currency': 'VARCHAR', 'status': 'VARCHAR'}})""")
load = time.monotonic() - t
out = {"load_seconds": load}
for name, path in (("segments", segments_sql), ("clv_summary", clv_sql)):
    sql = open(path).read()
    t = time.monotonic()
    rows = con.execute(f"SELECT COUNT(*) FROM ({sql})").fetchone()[0]
    out[name + "_seconds"] = time.monotonic() - t
    out[name + "_rows"] = rows
con.execute(f"COPY ({open(clv_sql).read()}) TO '{summary_csv}' (HEADER, DELIMITER ',')")
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
out["version"] = duckdb.__version__
print(json.dumps(out))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--orders", type=int, default=10_000_000)
    ap.add_argument("--out", default="target/bench/warehouse.json")
    a = ap.parse_args()
    import duckdb

    n = a.orders
    tmp = tempfile.mkdtemp(prefix="stammkunde-warehouse-")
    csv = os.path.join(tmp, "orders.csv")
    t = time.monotonic()
    # Pseudo-random but fixed: hash() of the row number.
    duckdb.connect().execute(f"""COPY (
      SELECT
        i AS order_id,
        'C' || CAST(hash(i * 3 + 1) % {max(n // 5, 1)} AS VARCHAR) AS customer_id,
        strftime(TIMESTAMP '2024-11-01' + to_seconds(CAST(hash(i * 7 + 2) % (730 * 86400) AS BIGINT)), '%Y-%m-%d %H:%M:%S') AS placed_at,
        CAST(CAST(500 + hash(i * 13 + 3) % 30000 AS DECIMAL(12, 0)) / 100 AS DECIMAL(12, 2)) AS total,
        'EUR' AS currency,
        CASE WHEN hash(i * 17 + 4) % 50 = 0 THEN 'cancelled' ELSE 'completed' END AS status
      FROM range({n}) AS r(i)
    ) TO '{csv}' (HEADER, DELIMITER ',')""")
    generated = time.monotonic() - t
    size_mb = os.path.getsize(csv) / 1e6
    print(f"[warehouse] {n} orders generated in {generated:.1f} s ({size_mb:.0f} MB)", flush=True)

    exe = os.path.abspath(a.bin)
    results = {"orders": n, "csv_mb": size_mb, "generate_seconds": generated}
    print("[warehouse] stammkunde segment", flush=True)
    results["segment"] = timed([exe, "segment", csv, "--as-of", AS_OF, "--summary", "--rule", RULE, "--out", "/dev/null"])
    print("[warehouse] stammkunde clv", flush=True)
    results["clv"] = timed([exe, "clv", csv, "--as-of", AS_OF, "--format", "csv", "--out", "/dev/null"])
    seg_sql = os.path.join(tmp, "segments.sql")
    clv_sql = os.path.join(tmp, "clv.sql")
    subprocess.run([exe, "sql", "--dialect", "duckdb", "--as-of", AS_OF, "--rule", RULE, "--out", seg_sql], check=True)
    subprocess.run([exe, "sql", "--dialect", "duckdb", "--as-of", AS_OF, "--clv-summary", "--out", clv_sql], check=True)
    print("[warehouse] DuckDB", flush=True)
    summary_csv = os.path.join(tmp, "summary.csv")
    out = subprocess.run([sys.executable, "-c", DUCKDB_RUN, csv, seg_sql, clv_sql, summary_csv], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"DuckDB run failed:\n{out.stderr}")
    results["duckdb"] = json.loads(out.stdout.strip().splitlines()[-1])
    print("[warehouse] stammkunde clv --from-summary", flush=True)
    results["clv_from_summary"] = timed([exe, "clv", "--from-summary", summary_csv, "--as-of", AS_OF, "--format", "csv", "--out", "/dev/null"])
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(results, f, indent=2)
    for name in ("orders.csv", "segments.sql", "clv.sql", "summary.csv"):
        os.remove(os.path.join(tmp, name))
    os.rmdir(tmp)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
