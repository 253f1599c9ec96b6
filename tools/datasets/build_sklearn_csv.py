"""Convert the Iris and Breast Cancer Wisconsin CSVs shipped by Debian's python3-sklearn into clean CSVs.

scikit-learn stores them with an odd first line (`n_samples,n_features,class names...`) and integer
class codes in the last column; Basin's built-ins are plain CSVs with a header row and class names
in the target column, so the same CSV importer that reads user files reads them too. Feature values
are copied as the original text, never re-formatted.

Regenerate (from the repository root):
    /usr/bin/python3 tools/datasets/build_sklearn_csv.py
"""

import csv
import os
import re

from sklearn.datasets import load_breast_cancer, load_iris

SKLEARN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "datasets")


def snake(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower().replace("(cm)", "")).strip("_")


def convert(source_name, bunch, target_name, out_path):
    with open(os.path.join(SKLEARN_DATA, source_name), newline="") as f:
        rows = list(csv.reader(f))
    n_samples, n_features = int(rows[0][0]), int(rows[0][1])
    class_names = rows[0][2:]
    assert class_names == list(bunch.target_names), (class_names, bunch.target_names)
    body = rows[1:]
    assert len(body) == n_samples and all(len(r) == n_features + 1 for r in body)
    header = [snake(n) for n in bunch.feature_names] + [target_name]
    with open(out_path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for r in body:
            writer.writerow(r[:-1] + [class_names[int(r[-1])]])


convert("iris.csv", load_iris(), "species", os.path.join(OUT, "iris", "iris.csv"))
convert(
    "breast_cancer.csv",
    load_breast_cancer(),
    "diagnosis",
    os.path.join(OUT, "breast-cancer", "breast-cancer.csv"),
)
