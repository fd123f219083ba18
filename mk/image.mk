# Container image (issues 4, 11): Jib, offline multi-arch base image, a registry shaped like ECR
# (TLS, auth), container test, arm64 test under qemu, benchmark.
# Scripts live in image/ (each has --help); image/README.md explains the offline build.

.PHONY: registry-up registry-down base-image image container-test image-arm64-test image-bench

registry-up: ## Start the developer registry on https://127.0.0.1:5000 (TLS + htpasswd like ECR, loopback only)
	image/registry.sh up

registry-down: ## Stop the local registry (keeps its storage in image/target/registry)
	image/registry.sh down

base-image: ## Build the jlink Java 17 JRE base image (amd64 + arm64 index) offline and push it to IMAGE_REGISTRY
	image/base-image.sh

image: ## Jib buildTar per arch: app/target/jib-image.tar (amd64) + jib-image-index.tar (amd64+arm64) + digests
	MVN="$(MVN)" image/build.sh

container-test: ## Build base + app images and verify the running image with podman (self-contained)
	MVN="$(MVN)" image/container-test.sh

image-arm64-test: ## Run the arm64 image of app/target/jib-image-index.tar under qemu-user with podman (bounded)
	image/arm64-test.sh

image-bench: ## Benchmark layers pushed, build times, start-up and memory (prints figures)
	MVN="$(MVN)" image/bench.sh
