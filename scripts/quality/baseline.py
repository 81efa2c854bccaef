"""Naive baseline: TF-IDF over the root-cause texts + KMeans with k = number of true classes.

Usage: baseline.py EXPORT/incidents.csv TRUTH.csv [--json]

The texts are the `root_cause` column of recur's export (what recur itself received), for the
incidents in TRUTH.csv; an incident with no root cause, or missing from the export, has empty text.
Prints the AMI of the KMeans clusters against the truth.
"""
import argparse
import json

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_mutual_info_score

from score import read_export, read_truth


def baseline_ami(export_csv, truth_csv):
    truth = read_truth(truth_csv)
    texts = {r["id"]: r.get("root_cause") or "" for r in read_export(export_csv)}
    ids = sorted(truth)
    X = TfidfVectorizer(stop_words="english").fit_transform([texts.get(i, "") for i in ids])
    k = len(set(truth.values()))
    pred = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)
    return adjusted_mutual_info_score([truth[i] for i in ids], pred)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export_csv")
    ap.add_argument("truth_csv")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    ami = baseline_ami(a.export_csv, a.truth_csv)
    print(json.dumps({"baseline_ami": ami}) if a.json else f"baseline AMI {ami:.3f}")
