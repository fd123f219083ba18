#!/usr/bin/python3
"""Checks and normalises the deploy events a real run of the k8s_deploy role sent.

  check DATASETS_YML EVENTS_JSONL   every event against the tourbooking.deploy contract: each
                                    "presence: always" field present and non-empty, no field outside
                                    the contract, types as declared, enumerated values allowed
                                    (the contract's own allowed-values list when it has one, else the
                                    vocabulary agreed in the interfaces: event.action, event.outcome)
  normalise EVENTS_JSONL            replaces volatile values by the placeholders documented in
                                    elk/samples/captured/README.md and prints NDJSON (sorted keys)
"""
import datetime
import json
import re
import sys

import yaml

ACTIONS = ["deploy-started", "deploy-succeeded", "deploy-failed", "rollback-started", "rollback-succeeded",
           "rollback-failed", "gate-passed", "gate-failed"]
OUTCOMES = ["success", "failure", "unknown"]
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")


def leaves(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def allowed_values(field):
    for key in ("allowed", "allowed_values", "values", "enum"):
        if isinstance(field.get(key), list):
            return field[key]
    return {"event.action": ACTIONS, "event.outcome": OUTCOMES}.get(field["name"])


def type_ok(kind, value):
    if kind == "date":
        try:
            datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            return True
        except ValueError:
            return False
    if kind in ("long", "integer"):
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def check(datasets_file, events_file):
    with open(datasets_file, encoding="utf-8") as handle:
        datasets = yaml.safe_load(handle)
    contract = datasets.get("datasets", datasets)["tourbooking.deploy"]["fields"]
    fields = {field["name"]: field for field in contract}
    problems = []
    with open(events_file, encoding="utf-8") as handle:
        events = [json.loads(line) for line in handle if line.strip()]
    if not events:
        problems.append("no events captured")
    for number, event in enumerate(events, 1):
        present = dict(leaves(event))
        for name, field in fields.items():
            if field.get("presence") == "always" and present.get(name) in (None, "", []):
                problems.append(f"event {number}: always-present field {name} is missing or empty")
        for name, value in present.items():
            field = fields.get(name)
            if field is None:
                problems.append(f"event {number}: {name} is not in the contract")
                continue
            if not type_ok(field.get("type", "keyword"), value):
                problems.append(f"event {number}: {name}={value!r} is not a {field.get('type')}")
            allowed = allowed_values(field)
            if allowed is not None and value not in allowed:
                problems.append(f"event {number}: {name}={value!r} is not one of {allowed}")
    for problem in problems:
        print(f"deploy-events: {problem}", file=sys.stderr)
    print(f"deploy-events: {len(events)} event(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


def normalise(events_file):
    digests = {}
    with open(events_file, encoding="utf-8") as handle:
        events = [json.loads(line) for line in handle if line.strip()]
    for event in events:
        text = json.dumps(event, sort_keys=True)
        for digest in DIGEST.findall(text):
            digests.setdefault(digest, f"sha256:<digest-{len(digests) + 1}>")
    for event in events:
        event["@timestamp"] = "<timestamp>"
        commit = event["git"]["commit"]
        registry = event["container"]["image"]["name"].rsplit("/", 1)[0]
        text = json.dumps(event, sort_keys=True)
        for digest, placeholder in digests.items():
            text = text.replace(digest, placeholder)
        text = text.replace(commit, "<commit>").replace(registry + "/", "<registry>/")
        print(text)
    return 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    if len(sys.argv) == 3 and sys.argv[1] == "normalise":
        return normalise(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
