"""Build the quality sets: import each into a fresh recur store and export its incidents table.

Usage: sets.py [--out DIR] [NAME ...]      (names: icco github-status synthetic blind; default all)

Per set, DIR/<name>/ gets store/, export/incidents.csv and, for labelled sets, truth.csv
(incident_id,class). The data stays where it is or goes under DIR, never into the repository.
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "real"
ICCO_DIR = SHARED / "icco-postmortems"
ICCO_MAPPING = REPO / "data" / "mappings" / "icco-postmortems.yaml"
GITHUB_JSON = SHARED / "exports" / "statuspage" / "githubstatus_incidents_recent.json"
BLIND_DIR = REPO / "data" / "blind"
SYNTHETIC = {"incidents": 5000, "seed": 7}
SEVERITY = {"none": "SEV4", "minor": "SEV3", "major": "SEV2", "critical": "SEV1"}
RECUR = os.environ.get("RECUR", str(Path.home() / ".cache/recur-target/debug/recur"))


def recur(*args):
    p = subprocess.run([RECUR, "-q", *map(str, args)], capture_output=True, text=True)
    if p.returncode:
        sys.exit(f"recur {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr[-3000:]}")


def import_and_export(d, *sources, mapping=None):
    """Fresh store from SOURCES, then d/export/incidents.csv. Returns the exported ids."""
    for sub in ("store", "export"):
        shutil.rmtree(d / sub, ignore_errors=True)
    recur("--store", d / "store", "import", *(["--mapping", mapping] if mapping else []), *sources)
    recur("--store", d / "store", "export", "--tables", "csv", "--out", d / "export")
    with open(d / "export" / "incidents.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return {r.get("id") or r.get("incident_id") for r in rows}


def write_truth(path, pairs):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["incident_id", "class"])
        w.writerows(sorted(pairs))


def front_matter(path):
    m = re.match(r"---\s*\n(.*?)\n---\s*\n", path.read_text(encoding="utf-8"), re.S)
    return yaml.safe_load(m.group(1)) if m else {}


def build_icco(d):
    imported = import_and_export(d, ICCO_DIR, mapping=ICCO_MAPPING)
    fms = [front_matter(p) for p in sorted(ICCO_DIR.glob("*.md"))]
    # Weak labels: the first category. Only postmortems recur imported are in the set (the others
    # are rejected for data gaps, see data/mappings/icco-postmortems.yaml).
    labelled = [(str(fm["uuid"]), fm["categories"]) for fm in fms
                if fm.get("categories") and str(fm.get("uuid")) in imported]
    write_truth(d / "truth.csv", [(u, c[0]) for u, c in labelled])
    write_truth(d / "truth-single.csv", [(u, c[0]) for u, c in labelled if len(c) == 1])
    single = sum(len(c) == 1 for _, c in labelled)
    return f"{len(fms)} files, {len(imported)} imported, {len(labelled)} labelled, {single} single-category"


def kebab(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def rfc3339(ts):
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).isoformat()


def build_github_status(d):
    incidents = json.loads(GITHUB_JSON.read_text())["incidents"]
    (d / "input").mkdir(parents=True, exist_ok=True)
    with open(d / "input" / "incidents.jsonl", "w") as f:
        for i in incidents:
            updates = sorted(i["incident_updates"], key=lambda u: u["created_at"])
            f.write(json.dumps({
                "id": i["id"],
                "title": i["name"],
                "started_at": rfc3339(i["created_at"]),
                "severity": SEVERITY[i["impact"]],
                "services": [kebab(c["name"]) for c in i["components"]] or ["github"],
                "root_cause": "\n\n".join(u["body"].strip() for u in updates if u.get("body")),
            }) + "\n")
    imported = import_and_export(d, d / "input" / "incidents.jsonl")
    return f"{len(incidents)} incidents converted, {len(imported)} imported (no labels)"


def build_synthetic(d):
    shutil.rmtree(d / "corpus", ignore_errors=True)
    recur("generate", "--incidents", SYNTHETIC["incidents"], "--seed", SYNTHETIC["seed"], "--out", d / "corpus")
    imported = import_and_export(d, d / "corpus" / "input")
    shutil.copy(d / "corpus" / "truth.csv", d / "truth.csv")
    return f"{len(imported)} imported"


def build_blind(d):
    src, truth = BLIND_DIR / "incidents.jsonl", BLIND_DIR / "truth.csv"
    if not (src.exists() and truth.exists()):
        return None
    imported = import_and_export(d, src)
    shutil.copy(truth, d / "truth.csv")
    return f"{len(imported)} imported"


BUILDERS = {"icco": build_icco, "github-status": build_github_status,
            "synthetic": build_synthetic, "blind": build_blind}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/tmp/recur-quality/sets"))
    ap.add_argument("names", nargs="*", help=" ".join(BUILDERS))
    a = ap.parse_args()
    if unknown := set(a.names) - set(BUILDERS):
        ap.error(f"unknown set(s): {' '.join(sorted(unknown))}")
    out = a.out.resolve()
    if out == REPO or REPO in out.parents:
        sys.exit(f"refusing to write sets inside the repository: {out}")
    for name in a.names or BUILDERS:
        d = out / name
        d.mkdir(parents=True, exist_ok=True)
        note = BUILDERS[name](d)
        if note is None:
            shutil.rmtree(d)
            print(f"{name}: skipped (input absent)", file=sys.stderr)
        else:
            print(f"{name}: {note} -> {d}", file=sys.stderr)


if __name__ == "__main__":
    main()
