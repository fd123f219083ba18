# Ansible: push the Jib image, deploy it to Kubernetes, roll back (ansible/README.md).
# IMAGE_DIGEST is the digest file Jib wrote, or a digest (sha256:...) to deploy directly.

ANSIBLE_PACKAGES := ansible ansible-lint yamllint shellcheck python3-kubernetes python3-jsonpatch skopeo
IMAGE_TAR ?= app/target/jib-image.tar
IMAGE_DIGEST ?= app/target/jib-image.digest
ANSIBLE_ARGS ?=
ANSIBLE_INVENTORY = inventories/$(ENV)/hosts.yml
ANSIBLE_PLAYBOOK = cd ansible && ansible-playbook -i $(ANSIBLE_INVENTORY)
image_digest_value = $(if $(filter sha256:%,$(IMAGE_DIGEST)),$(IMAGE_DIGEST),$(shell cat $(IMAGE_DIGEST) 2>/dev/null))

.PHONY: ansible-tools ansible-lint ansible-test push deploy rollback smoke

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

deploy: ansible-tools ## Deploy IMAGE_DIGEST to ENV (server-side apply, wait, smoke check, rollback on failure)
	@test -n "$(image_digest_value)" || { echo "No digest: pass IMAGE_DIGEST=sha256:... or a digest file (default $(IMAGE_DIGEST))"; exit 2; }
	$(ANSIBLE_PLAYBOOK) playbooks/deploy.yml -e image_digest=$(image_digest_value) $(ANSIBLE_ARGS)

rollback: ansible-tools ## Roll ENV's Deployment back to its previous revision
	$(ANSIBLE_PLAYBOOK) playbooks/rollback.yml $(ANSIBLE_ARGS)

smoke: ansible-tools ## Smoke-check ENV's running pods through a port-forward (the Verify stage)
	$(ANSIBLE_PLAYBOOK) playbooks/smoke.yml $(ANSIBLE_ARGS)
