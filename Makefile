# The two commands of the README (`make demo`, `make test`) install what they need first.
.PHONY: demo test pkg setup bench bench-stores fuzz load size built

setup:
	@bash scripts/setup.sh

test: setup
	@bash scripts/test.sh

pkg: setup
	@bash scripts/pkg.sh

# The package built for the demo, the benchmark and the load test, which run even while the
# browser entry is over its size budget (pkg.sh exits 3 for that alone; `make pkg` fails on it).
built: setup
	@bash scripts/pkg.sh || test $$? -eq 3

demo: built
	@node scripts/demo.mjs

bench: built
	@node scripts/bench/run.mjs
	@node scripts/bench/scaling.mjs

# What the Redis and PostgreSQL token stores add to a call, against the in-memory store, with a
# Redis and a PostgreSQL started for the run (scripts/lib/with-stores.sh).
bench-stores: built
	@bash scripts/lib/with-stores.sh node scripts/bench/stores.mjs

# What each crate and export costs in the browser wasm (raw bytes), from a copy with names.
size: setup
	@bash scripts/build.sh web
	@node scripts/size/report.mjs

fuzz: setup
	@bash scripts/fuzz.sh $(SECONDS_LIMIT)

load: built
	@node scripts/load/run.mjs
