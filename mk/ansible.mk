# Ansible: push the Jib image, deploy it to Kubernetes, roll back (ansible/README.md).
# IMAGE_DIGEST is the digest file Jib wrote, or a digest (sha256:...) to deploy directly.
# Every target that talks to the cluster first obtains ansible/target/state/ENV/kubeconfig
# (`make kubeconfig`) and uses only that file; `make deploy` records what it did next to it
# (last-deploy.json), which `make rollback-deploy` reads.

ANSIBLE_PACKAGES := ansible ansible-lint yamllint shellcheck python3-kubernetes python3-jsonpatch skopeo
# The multi-arch index (amd64 and arm64) when make image built it, else the single-arch image:
# a deploy pinned to the amd64 manifest would not start on Graviton (arm64) nodes.
IMAGE_TAR ?= $(or $(wildcard app/target/jib-image-index.tar),app/target/jib-image.tar)
IMAGE_DIGEST ?= $(or $(wildcard app/target/jib-image-index.digest),app/target/jib-image.digest)
ANSIBLE_ARGS ?=
ANSIBLE_INVENTORY = inventories/$(ENV)/hosts.yml
ANSIBLE_PLAYBOOK = cd ansible && ansible-playbook -i $(ANSIBLE_INVENTORY)
image_digest_value = $(if $(filter sha256:%,$(IMAGE_DIGEST)),$(IMAGE_DIGEST),$(shell cat $(IMAGE_DIGEST) 2>/dev/null))

TO_REVISION ?=
KUBECONFIG_FILE = ansible/target/state/$(ENV)/kubeconfig

.PHONY: ansible-tools ansible-lint ansible-test push kubeconfig deploy rollback rollback-deploy smoke

ansible-tools:
	@ansible/scripts/ensure-packages.sh $(ANSIBLE_PACKAGES)
	@test -f ansible/inventories/$(ENV)/hosts.yml || { echo "ENV=$(ENV): no inventory ansible/inventories/$(ENV) (use local, staging or production)"; exit 2; }

ansible-lint: ansible-tools ## Lint the Ansible code: ansible-lint (production profile), syntax checks, yamllint, shellcheck
	cd ansible && ansible-lint
	cd ansible && for playbook in playbooks/*.yml; do ansible-playbook -i inventories/local/hosts.yml --syntax-check "$$playbook"; done
	cd ansible && yamllint -s .
	shellcheck ansible/scripts/*.sh ansible/tests/*.sh ansible/tests/fixtures/*.sh ansible/roles/*/files/*.sh

ansible-test: ansible-tools ## Run the Ansible roles for real: push to a local registry, deploy against the MOCK API server
	ansible/tests/run.sh

push: ansible-tools ## Push the Jib image (IMAGE_TAR, IMAGE_DIGEST) to ENV's registry, tagged with the git commit
	@test -f "$(IMAGE_TAR)" || { echo "No image tar $(IMAGE_TAR): build it first (jib:buildTar) or pass IMAGE_TAR=..."; exit 2; }
	$(ANSIBLE_PLAYBOOK) playbooks/push-image.yml -e image_push_tar=$(abspath $(IMAGE_TAR)) -e image_push_digest_file=$(abspath $(IMAGE_DIGEST)) $(ANSIBLE_ARGS)

kubeconfig: ansible-tools ## Obtain ENV's kubeconfig (aws eks update-kubeconfig; cluster and region from the inventory) into ansible/target/state/ENV/
	$(ANSIBLE_PLAYBOOK) playbooks/kubeconfig.yml $(ANSIBLE_ARGS)

# A workspace without the file (a fresh agent) or with an older inventory obtains it first; the
# file holds no token (its exec user asks `aws eks get-token` on every connection), so it stays valid.
ansible/target/state/%/kubeconfig: ansible/inventories/%/group_vars/all.yml
	@$(MAKE) --no-print-directory kubeconfig ENV=$*

deploy: ansible-tools $(KUBECONFIG_FILE) ## Deploy IMAGE_DIGEST to ENV (server-side apply, wait, smoke check, rollback of what it changed), recorded in last-deploy.json
	@test -n "$(image_digest_value)" || { echo "No digest: pass IMAGE_DIGEST=sha256:... or a digest file (default $(IMAGE_DIGEST))"; exit 2; }
	$(ANSIBLE_PLAYBOOK) playbooks/deploy.yml -e image_digest=$(image_digest_value) $(ANSIBLE_ARGS)

rollback-deploy: ansible-tools $(KUBECONFIG_FILE) ## Undo this workspace's last deploy to ENV (the recorded revision), only if it changed the Deployment
	$(ANSIBLE_PLAYBOOK) playbooks/rollback-deploy.yml $(ANSIBLE_ARGS)

rollback: ansible-tools $(KUBECONFIG_FILE) ## Roll ENV's Deployment back on demand: to TO_REVISION, else the previous revision (as kubectl rollout undo)
	$(ANSIBLE_PLAYBOOK) playbooks/rollback.yml $(if $(TO_REVISION),-e k8s_deploy_rollback_to_revision=$(TO_REVISION)) $(ANSIBLE_ARGS)

smoke: ansible-tools $(KUBECONFIG_FILE) ## Smoke-check the pods of ENV's new ReplicaSet through port-forwards (the Verify stage)
	$(ANSIBLE_PLAYBOOK) playbooks/smoke.yml $(ANSIBLE_ARGS)
