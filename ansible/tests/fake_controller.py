#!/usr/bin/python3
"""Plays the Kubernetes Deployment controller against the MOCK API server (which has none).

For every Deployment it does what the real controller does, simplified: one ReplicaSet per pod
template (named by a template hash, labelled pod-template-hash, annotated with the
deployment.kubernetes.io/revision the rollback reads), the Deployment's revision annotation, and
the Deployment status. A Deployment whose container image digest is listed in --fail-digests
never becomes available (like an image that crash-loops): its status says
ProgressDeadlineExceeded. Everything else becomes available at once. Stops after --max-seconds.
"""
import argparse
import hashlib
import json
import time
import urllib.error
import urllib.request

REVISION = "deployment.kubernetes.io/revision"


class Api:
    """A tiny JSON client for the mock API server (stdlib only)."""

    def __init__(self, server):
        self.server = server.rstrip("/")

    def call(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.server + path, data=data, method=method)
        request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"{}")


def template_hash(template):
    return hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()[:10]


def image_digest(deployment):
    for container in deployment["spec"]["template"]["spec"].get("containers", []):
        if "@" in container.get("image", ""):
            return container["image"].split("@", 1)[1]
    return ""


def reconcile(api, deployment, failing):
    meta = deployment["metadata"]
    ns, name, uid = meta["namespace"], meta["name"], meta["uid"]
    template = deployment["spec"]["template"]
    pod_hash = template_hash(template)
    owned = [rs for rs in api.call("GET", f"/apis/apps/v1/namespaces/{ns}/replicasets").get("items", [])
             if any(ref.get("uid") == uid for ref in rs["metadata"].get("ownerReferences", []))]
    revisions = [int(rs["metadata"].get("annotations", {}).get(REVISION, "0")) for rs in owned]
    newest = max(revisions, default=0)
    current = next((rs for rs in owned if rs["metadata"]["labels"].get("pod-template-hash") == pod_hash), None)
    if current is None:
        revision = newest + 1
        labels = dict(template["metadata"].get("labels", {}), **{"pod-template-hash": pod_hash})
        api.call("POST", f"/apis/apps/v1/namespaces/{ns}/replicasets", {
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": f"{name}-{pod_hash}", "namespace": ns, "labels": labels,
                         "annotations": {REVISION: str(revision)},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": name,
                                              "uid": uid, "controller": True}]},
            "spec": {"replicas": deployment["spec"].get("replicas", 1),
                     "selector": {"matchLabels": labels},
                     "template": dict(template, metadata=dict(template.get("metadata", {}), labels=labels))},
        })
        print(f"fake-controller: {ns}/{name} revision {revision} = new ReplicaSet {name}-{pod_hash}", flush=True)
    else:
        revision = int(current["metadata"]["annotations"][REVISION])
        if revision != newest:
            revision = newest + 1
            current["metadata"]["annotations"][REVISION] = str(revision)
            api.call("PUT", f"/apis/apps/v1/namespaces/{ns}/replicasets/{current['metadata']['name']}", current)
            print(f"fake-controller: {ns}/{name} revision {revision} = back to ReplicaSet {name}-{pod_hash}", flush=True)
    if (meta.get("annotations") or {}).get(REVISION) != str(revision):
        api.call("PATCH", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}",
                 {"metadata": {"annotations": {REVISION: str(revision)}}}, "application/merge-patch+json")
    write_status(api, ns, name, failing)


def write_status(api, ns, name, failing):
    deployment = api.call("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}")
    replicas = deployment["spec"].get("replicas", 1)
    broken = image_digest(deployment) in failing
    if broken:
        status = {"observedGeneration": deployment["metadata"].get("generation"), "replicas": replicas + 1,
                  "updatedReplicas": 1, "readyReplicas": replicas, "availableReplicas": replicas,
                  "unavailableReplicas": 1,
                  "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                                 {"type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"}]}
    else:
        status = {"observedGeneration": deployment["metadata"].get("generation"), "replicas": replicas,
                  "updatedReplicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
                  "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                                 {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}
    if deployment.get("status") != status:
        deployment["status"] = status
        api.call("PUT", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}/status", deployment)
        print(f"fake-controller: {ns}/{name} {'NOT available' if broken else 'available'}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="URL of the mock API server")
    parser.add_argument("--fail-digests", required=True, help="file with one sha256 digest per line that never becomes available")
    parser.add_argument("--max-seconds", type=int, default=900, help="stop after this many seconds (default 900)")
    args = parser.parse_args()
    api = Api(args.server)
    deadline = time.monotonic() + args.max_seconds
    while time.monotonic() < deadline:
        try:
            with open(args.fail_digests, encoding="utf-8") as handle:
                failing = {line.strip() for line in handle if line.strip()}
        except FileNotFoundError:
            failing = set()
        try:
            for deployment in api.call("GET", "/apis/apps/v1/deployments").get("items", []):
                reconcile(api, deployment, failing)
        except (urllib.error.URLError, OSError, KeyError) as error:
            print(f"fake-controller: retrying after {error}", flush=True)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
