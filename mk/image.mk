# Container image (issue 4): Jib, offline base image, local registry, container test, benchmark.
# Scripts live in image/ (each has --help); image/README.md explains the offline build.

.PHONY: registry-up registry-down base-image image container-test image-bench

registry-up: ## Start the local registry on 127.0.0.1:5000 (Debian docker-registry, loopback only)
	image/registry.sh up

registry-down: ## Stop the local registry (keeps its storage in image/target/registry)
	image/registry.sh down

base-image: ## Build the jlink Java 17 JRE base image offline and push it to the local registry
	image/base-image.sh

image: ## Jib buildTar: app/target/jib-image.tar + .digest + .id, tagged <commit>[-BUILD_NUMBER]
	MVN="$(MVN)" image/build.sh

container-test: ## Build base + app images and verify the running image with podman (self-contained)
	MVN="$(MVN)" image/container-test.sh

image-bench: ## Benchmark layers pushed, build times, start-up and memory (prints figures)
	MVN="$(MVN)" image/bench.sh
