# Application logging (issue 3): the log-shipping benchmark.

.PHONY: log-bench

log-bench: ## Throughput with logs shipped to a live, a dead and no Logstash (wrk on loopback)
	app/bench/log-bench.sh
