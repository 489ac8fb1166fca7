#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints one summary line per
# target. Usage: tests/fuzz/run.sh SECONDS [TARGET...]
# Seeds come from the test fixtures; the corpus grows in tests/fuzz/corpus
# (not committed), crashers land in tests/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
shift || true
dir=tests/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir "$dir")
fi

# Seed a target's corpus with fixture files behind zero bytes (text mode,
# default options in the targets' byte layout): two for the order readers,
# one for the intent traces (SEED_PREFIX).
seed() {
	local target=$1 file
	shift
	mkdir -p "$dir/corpus/$target"
	for file in "$@"; do
		[ -f "$file" ] || continue
		{ printf "${SEED_PREFIX:-\\0\\0}"; cat "$file"; } >"$dir/corpus/$target/seed-$(basename "$file")"
	done
}
fx=tests/fixtures
seed shopify_rest "$fx/orders/shopify_rest.json"
seed shopify_graphql "$fx/orders/shopify_graphql.json"
seed shopware "$fx/orders/shopware.json"
seed woocommerce "$fx/orders/woocommerce.json"
seed canonical "$fx/orders/"*.json
seed csv "$fx/orders/"*.csv
SEED_PREFIX='\0' seed intent "$fx/traces/"*.trace
mkdir -p "$dir/corpus/cdnow"
{ printf '\0\0'; head -c 4000 "$fx/cdnow/CDNOW_sample.txt"; } >"$dir/corpus/cdnow/seed-cdnow"

cargo +nightly fuzz build --fuzz-dir "$dir"
summary=()
failed=0
mkdir -p "$dir/artifacts"
for target in "${targets[@]}"; do
	log="$dir/artifacts/$target.log"
	start=$(date +%s)
	# -malloc_limit_mb: one allocation over 256 MB from a small input is a
	# finding (unbounded allocation), not a slow run.
	if cargo +nightly fuzz run --fuzz-dir "$dir" "$target" -- \
		-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 \
		-print_final_stats=1 >"$log" 2>&1; then
		result=ok
	else
		result="FAILED (see $log and $dir/artifacts/$target/)"
		failed=1
	fi
	took=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	summary+=("$(printf '%-16s %6ss %10s runs  %s' "$target" "$took" "${runs:-?}" "$result")")
done
printf '%s\n' "fuzz summary (target, wall time, executions, result):" "${summary[@]}"
exit $failed
