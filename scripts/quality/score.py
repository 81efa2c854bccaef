"""Score recur's clusters from an exported incidents.csv, against a truth.csv when there is one.

Usage: score.py EXPORT/incidents.csv [TRUTH.csv] [--json]

With truth: ARI, AMI, homogeneity, completeness over the incidents in TRUTH.csv, plus the cluster
statistics. Without truth: the cluster statistics over all exported incidents and the 10 largest
clusters with their labels.
"""
import argparse
import csv
import json
from collections import Counter

from sklearn.metrics import (adjusted_mutual_info_score, adjusted_rand_score,
                             completeness_score, homogeneity_score)

# The unclassified rule, as `recur eval` counts it, read from the export:
#  - "no cause stated": an empty cluster_id (no sentence of the cause, title or factors names one);
#  - "alone": a crumb, i.e. a cluster with one incident in the whole export and no cause_class;
#  - an incident in the truth but missing from the export.
# For ARI/AMI/homogeneity/completeness each unclassified incident is a cluster of its own, and the
# cluster count and largest cluster share leave them out.
UNCLASSIFIED_RULE = "empty cluster_id, or a one-incident cluster with empty cause_class, or missing"


def uncsv(cell):
    """Undo recur's CSV formula guard (a leading ' before = + - @ tab CR)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_export(path):
    """Rows of incidents.csv with the id under "id" (the header may say id or incident_id)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [{k: uncsv(v or "") for k, v in r.items()} for r in csv.DictReader(f)]
    for r in rows:
        r["id"] = r.get("id") or r.get("incident_id", "")
    return rows


def read_truth(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["incident_id"]: r["class"] for r in csv.DictReader(f)}


def score(export_csv, truth_csv=None):
    export = read_export(export_csv)
    rows = {r["id"]: r for r in export}
    whole = Counter(r["cluster_id"] for r in export)
    crumb = lambda r: whole[r["cluster_id"]] == 1 and not r["cause_class"]
    truth = read_truth(truth_csv) if truth_csv else None
    ids = sorted(truth) if truth else sorted(rows)
    scored = [rows.get(i) for i in ids]
    # cluster of each scored incident; None when unclassified
    cluster = [r["cluster_id"] if r and r["cluster_id"] and not crumb(r) else None for r in scored]
    sizes = Counter(c for c in cluster if c)
    n = len(ids)
    out = {
        "incidents": n,
        "missing_from_export": sum(r is None for r in scored),
        "clusters": len(sizes),
        "largest_cluster_share": max(sizes.values(), default=0) / n,
        "unclassified_share": cluster.count(None) / n,
        "no_cause_share": sum(r is not None and not r["cluster_id"] for r in scored) / n,
        "alone_share": sum(r is not None and bool(r["cluster_id"]) and crumb(r) for r in scored) / n,
    }
    labels = {r["cluster_id"]: r["cluster_label"] for r in scored if r}
    out["largest_clusters"] = [{"cluster_id": c, "label": labels[c], "incidents": k,
                                "share": k / n} for c, k in sizes.most_common(10)]
    if truth:
        y = [truth[i] for i in ids]
        pred = [c or f"unclassified:{i}" for i, c in zip(ids, cluster)]
        out |= {
            "classes": len(set(y)),
            "ari": adjusted_rand_score(y, pred),
            "ami": adjusted_mutual_info_score(y, pred),
            "homogeneity": homogeneity_score(y, pred),
            "completeness": completeness_score(y, pred),
        }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export_csv")
    ap.add_argument("truth_csv", nargs="?")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    s = score(a.export_csv, a.truth_csv)
    if a.json:
        print(json.dumps(s))
        return
    keys = ["incidents", "missing_from_export", "classes", "clusters", "ari", "ami", "homogeneity",
            "completeness", "largest_cluster_share", "unclassified_share", "no_cause_share", "alone_share"]
    for k in keys:
        if k in s:
            print(f"{k:24} {s[k]:.3f}" if isinstance(s[k], float) else f"{k:24} {s[k]}")
    if not a.truth_csv:
        print("\n| cluster | label | incidents | share |\n|---|---|---|---|")
        for c in s["largest_clusters"]:
            print(f"| {c['cluster_id']} | {c['label']} | {c['incidents']} | {c['share']:.1%} |")


if __name__ == "__main__":
    main()
