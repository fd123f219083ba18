#!/usr/bin/python3
"""Plays the Kubernetes Deployment controller against the MOCK API server (which has none).

For every Deployment it does what the real controller does, simplified: one ReplicaSet per pod
template (named by a template hash, labelled pod-template-hash, annotated with the
deployment.kubernetes.io/revision the rollback reads), the Deployment's revision annotation, and
the Deployment status, and the pods of the current ReplicaSet (Running and Ready, with the
pod IP --pod-ips gives the image digest, default 127.0.0.1). Pods of older ReplicaSets are
marked terminating (deletionTimestamp) and deleted --terminating-seconds later, as during the
app's preStop sleep. In --state-dir, a digest listed in `fail-digests` never becomes available
(like an image that crash-loops: its status says ProgressDeadlineExceeded), one listed in
`stuck-digests` keeps updatedReplicas below replicas while the old pod stays available (a
rollout that never finishes), `pod-ips` maps "DIGEST IP" per line. Everything else becomes
available at once. It talks to the API server like the real controller: TLS with the cluster's
CA and its own bearer token. Stops after --max-seconds.
"""
import argparse
import hashlib
import datetime
import json
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

REVISION = "deployment.kubernetes.io/revision"


class Api:
    """A tiny JSON client for the mock API server (stdlib only)."""

    def __init__(self, server, ca_file, token):
        self.server = server.rstrip("/")
        self.context = ssl.create_default_context(cafile=ca_file)
        self.token = token

    def call(self, method, path, body=None, content_type="application/json"):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.server + path, data=data, method=method)
        request.add_header("Content-Type", content_type)
        request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=10, context=self.context) as response:
            return json.loads(response.read() or b"{}")


def template_hash(template):
    return hashlib.sha256(json.dumps(template, sort_keys=True).encode()).hexdigest()[:10]


def image_digest(deployment):
    for container in deployment["spec"]["template"]["spec"].get("containers", []):
        if "@" in container.get("image", ""):
            return container["image"].split("@", 1)[1]
    return ""


def reconcile(api, deployment, state):
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
    run_pods(api, deployment, f"{name}-{pod_hash}", pod_hash, state)
    write_status(api, ns, name, state)


def run_pods(api, deployment, rs_name, pod_hash, state):
    """Keeps spec.replicas Running pods of the current ReplicaSet; old ones terminate, then go."""
    digest = image_digest(deployment)
    if digest in state["fail"] or digest in state["stuck"]:
        return
    ns = deployment["metadata"]["namespace"]
    selector = ",".join(f"{k}={v}" for k, v in deployment["spec"]["selector"]["matchLabels"].items())
    pods = api.call("GET", f"/api/v1/namespaces/{ns}/pods?labelSelector={urllib.parse.quote(selector)}").get("items", [])
    now = datetime.datetime.now(datetime.timezone.utc)
    for pod in pods:
        meta = pod["metadata"]
        if meta["labels"].get("pod-template-hash") == pod_hash:
            continue
        if not meta.get("deletionTimestamp"):
            meta["deletionTimestamp"] = now.strftime("%Y-%m-%dT%H:%M:%SZ")
            meta["deletionGracePeriodSeconds"] = 30
            api.call("PUT", f"/api/v1/namespaces/{ns}/pods/{meta['name']}", pod)
            print(f"fake-controller: {ns}/{meta['name']} terminating", flush=True)
        elif (now - datetime.datetime.strptime(meta["deletionTimestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=datetime.timezone.utc)).total_seconds() > state["terminating_seconds"]:
            api.call("DELETE", f"/api/v1/namespaces/{ns}/pods/{meta['name']}")
    running = [pod for pod in pods if pod["metadata"]["labels"].get("pod-template-hash") == pod_hash
               and not pod["metadata"].get("deletionTimestamp")]
    template = deployment["spec"]["template"]
    for _ in range(deployment["spec"].get("replicas", 1) - len(running)):
        pod_name = f"{rs_name}-{hashlib.sha256(str(time.time_ns()).encode()).hexdigest()[:5]}"
        ip = state["pod_ips"].get(digest, "127.0.0.1")
        api.call("POST", f"/api/v1/namespaces/{ns}/pods", {
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": pod_name, "namespace": ns,
                         "labels": dict(template["metadata"].get("labels", {}), **{"pod-template-hash": pod_hash})},
            "spec": template["spec"],
            "status": {"phase": "Running", "podIP": ip, "conditions": [{"type": "Ready", "status": "True"}]},
        })
        print(f"fake-controller: {ns}/{pod_name} running at {ip}", flush=True)


def write_status(api, ns, name, state):
    deployment = api.call("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}")
    replicas = deployment["spec"].get("replicas", 1)
    broken = image_digest(deployment) in state["fail"]
    if image_digest(deployment) in state["stuck"]:
        status = {"observedGeneration": deployment["metadata"].get("generation"), "replicas": replicas,
                  "updatedReplicas": replicas - 1, "readyReplicas": replicas, "availableReplicas": replicas,
                  "conditions": [{"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                                 {"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"}]}
    elif broken:
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
        print(f"fake-controller: {ns}/{name} status {status['updatedReplicas']}/{replicas} updated, "
              f"{status['availableReplicas']} available", flush=True)


def read_lines(folder, name):
    try:
        with open(f"{folder}/{name}", encoding="utf-8") as handle:
            return {line.strip() for line in handle if line.strip()}
    except FileNotFoundError:
        return set()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="https URL of the mock API server")
    parser.add_argument("--ca-file", required=True, help="the cluster CA certificate (PEM)")
    parser.add_argument("--token-file", required=True, help="file holding the controller's bearer token")
    parser.add_argument("--state-dir", required=True, help="folder with fail-digests, stuck-digests, pod-ips")
    parser.add_argument("--terminating-seconds", type=int, default=20, help="how long old pods terminate")
    parser.add_argument("--max-seconds", type=int, default=900, help="stop after this many seconds (default 900)")
    args = parser.parse_args()
    with open(args.token_file, encoding="utf-8") as handle:
        api = Api(args.server, args.ca_file, handle.read().strip())
    deadline = time.monotonic() + args.max_seconds
    while time.monotonic() < deadline:
        state = {"fail": read_lines(args.state_dir, "fail-digests"), "stuck": read_lines(args.state_dir, "stuck-digests"),
                 "pod_ips": dict(line.split() for line in read_lines(args.state_dir, "pod-ips")),
                 "terminating_seconds": args.terminating_seconds}
        try:
            for deployment in api.call("GET", "/apis/apps/v1/deployments").get("items", []):
                reconcile(api, deployment, state)
        except (urllib.error.URLError, OSError, KeyError) as error:
            print(f"fake-controller: retrying after {error}", flush=True)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
