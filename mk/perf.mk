# Performance (issue 15): booking vs pgbench, search vs /livez, start-up with AppCDS vs without.

.PHONY: perf-bench perf-bench-short image-cds

perf-bench: ## Benchmark booking/pgbench, search/livez, CDS start-up side by side (~15-25 min)
	app/bench/perf-bench.sh $(PERF_BENCH_ARGS)

perf-bench-short: ## The benchmark's CI mode: one short round, proves it runs (~2 min)
	app/bench/perf-bench.sh --short

image-cds: ## Jib image with its AppCDS archive (training run in the image with podman)
	MVN="$(MVN)" image/cds.sh
