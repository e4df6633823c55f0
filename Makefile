# The two commands of the README (`make demo`, `make test`) install what they need first.
.PHONY: demo test pkg setup bench fuzz load

setup:
	@bash scripts/setup.sh

test: setup
	@bash scripts/test.sh

pkg: setup
	@bash scripts/pkg.sh

# The demo runs even while the browser entry is over its size budget (pkg.sh exits 3 for that alone).
demo: setup
	@bash scripts/pkg.sh || test $$? -eq 3
	@node scripts/demo.mjs

bench: pkg
	@node scripts/bench/run.mjs

fuzz: setup
	@bash scripts/fuzz.sh $(SECONDS_LIMIT)

load: pkg
	@node scripts/load/run.mjs
