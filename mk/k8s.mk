# Kubernetes manifests (k8s/): render overlays with kubectl kustomize, check them, diff them.
# Needs kubectl (kustomize v5) and Node.js/npm beside the JDK; k8s/README.md explains.

IMAGE ?=
# false: reuse the checker built by an earlier ./mvnw verify (skips building and testing it again)
K8S_CHECK_BUILD ?= true

.PHONY: k8s-check k8s-render k8s-diff

k8s-check: ## Render every k8s overlay (kubectl kustomize) and check schema + policies
	MVN="$(MVN)" k8s/bin/check.sh $(if $(filter false,$(K8S_CHECK_BUILD)),--no-build)

k8s-render: ## Render overlay ENV to target/k8s/ENV.yaml (IMAGE=repo@sha256:... sets the image)
	k8s/bin/render.sh --env "$(ENV)" $(if $(IMAGE),--image "$(IMAGE)") --output "target/k8s/$(ENV).yaml"

k8s-diff: ## Diff every rendered overlay against the merge base with origin/main (or HEAD~1)
	k8s/bin/diff.sh
