"""Adjusted Rand index and NMI of the peer's assignments against a corpus's truth.csv.

Incidents the peer leaves unclustered (cluster -1, no root cause) count as singletons, as recur's
`eval` counts incidents without a cluster. Usage: score_peer.py TRUTH.csv ASSIGNMENTS.csv
"""
import sys

import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

truth = pd.read_csv(sys.argv[1], dtype=str)
found = pd.read_csv(sys.argv[2], dtype=str)
both = truth.merge(found, on="incident_id", how="left")
assert both["cluster_id"].notna().all(), "the peer left out incidents"
labels = both["cluster_id"].where(both["cluster_id"] != "-1", "single-" + both["incident_id"])
ari = adjusted_rand_score(both["class"], labels)
nmi = normalized_mutual_info_score(both["class"], labels)
print(f"ARI {ari:.4f}, NMI {nmi:.3f}, {labels.nunique()} clusters for {both['class'].nunique()} classes")
