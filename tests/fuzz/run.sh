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
mkdir -p "$dir/corpus/segments"
printf '\0\0\0\0\0\0%s' '[{"id":"1","customer":"anna","placed_at":1700000000,"total":4990,"currency":"EUR","items":[{"product_id":"P1","name":"Kaffee","category":"Bohnen","quantity":2,"unit_price":2495}]},{"id":"2","customer":"ben","placed_at":1700086400,"total":1250,"currency":"EUR","status":{"kind":"partially_refunded","amount":250}}]' >"$dir/corpus/segments/seed-1"
# segments_json compares its JSON readers: plain JSON seeds, no prefix.
mkdir -p "$dir/corpus/segments_json"
printf '%s' '[{"id":"1","customer":"anna","placed_at":1700000000,"total":4990,"currency":"EUR","items":[{"product_id":"P1","name":"Kaffee","category":"Bohnen","quantity":2,"unit_price":2495}]},{"id":"2","customer":"ben","placed_at":1700086400,"total":1250,"currency":"EUR","status":{"kind":"partially_refunded","amount":250}}]' >"$dir/corpus/segments_json/seed-1"
printf '%s' '[{"id":"7","customer":"J\u00fcrgen \"J\"","placed_at":1700000000,"total":4990,"currency":"eur","x":{"y":[1,2.5e3,null]},"items":[{"sku":null,"quantity":1.5},{}]},{"id":"07","customer":" anna ","placed_at":1700086400,"total":100,"currency":"EUR","status":{"kind":"cancelled"}},{"id":"7","customer":"b","placed_at":1,"total":1,"currency":"EUR"}]' >"$dir/corpus/segments_json/seed-2"
seed csv "$fx/orders/"*.csv
SEED_PREFIX='\0' seed intent "$fx/traces/"*.trace
# Rules: the examples of the rule language.
mkdir -p "$dir/corpus/rules"
n=0
while IFS= read -r rule; do
	n=$((n + 1))
	printf '%s' "$rule" >"$dir/corpus/rules/seed-$n"
done <<'RULES'
amount_spent > 500 AND number_of_orders >= 3
last_order_date < -8w
products_purchased(sku: 'TEE-01') AND NOT products_purchased(category: 'Sale')
rfm_segment = 'at_risk' OR abc = 'A'
p_alive < 0.3 AND predicted_clv > 200
(first_order_date >= 01.01.2026 ODER segment = 'vip') UND NICHT amount_spent <= 1.234,56
RULES
mkdir -p "$dir/corpus/nps"
printf 'Kunde;Bewertung;Datum\nanna;9;01.10.2026\nben;"11";2026-10-02\n' >"$dir/corpus/nps/seed-1"
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
