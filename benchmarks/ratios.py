#!/usr/bin/env python3
"""Prints a Markdown table of JMH throughput results with the ratio to each group's baseline.

Usage: ratios.py RESULT.json

A ratio above 1 is faster than the BouncyCastle baseline measured in the same run. Columns for
allocation (B/op) appear when the run used -prof gc.
"""
import json
import sys

# Benchmark method -> baseline method, per class. Methods not listed have no baseline.
BASELINES = {
    "SignBenchmark": {m: "bcDirect" for m in ("nkey", "bcDirect", "jdk")},
    "VerifyBenchmark": {m: "bcRaw" for m in ("nkey", "bcRaw", "bcCachedPoint", "jdkCachedKey")},
    "VerifyFromStringBenchmark": {m: "bcRaw" for m in ("nkey", "bcRaw", "jdkKeyFactory")},
    "FromSeedBenchmark": {
        m: "bcGeneratePublicKey" for m in ("nkey", "nkeyFromRawSeed", "bcGeneratePublicKey")
    },
    "SealBenchmark": {
        "nkeySeal": "bcSeal",
        "bcSeal": "bcSeal",
        "nkeyOpen": "bcOpen",
        "bcOpen": "bcOpen",
    },
}


def main(path):
    with open(path) as f:
        runs = json.load(f)
    scores = {}
    rows = []
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        scores[(cls, method)] = pm["score"]
        rows.append((cls, method, pm["score"], pm.get("scoreError"), pm["scoreUnit"], alloc))
    with_alloc = any(row[5] is not None for row in rows)
    if runs:
        r = runs[0]
        print(f"JDK {r.get('jdkVersion')} ({r.get('vmName')} {r.get('vmVersion')}), "
              f"{r.get('forks')} fork, {r.get('warmupIterations')} x {r.get('warmupTime')} warmup, "
              f"{r.get('measurementIterations')} x {r.get('measurementTime')} measurement, "
              f"{r.get('threads')} thread")
        print()
    header = "| Benchmark | ops/s | ± error | vs baseline |" + (" B/op |" if with_alloc else "")
    print(header)
    print("|---|--:|--:|--:|" + ("--:|" if with_alloc else ""))
    for cls, method, score, err, unit, alloc in rows:
        base = BASELINES.get(cls, {}).get(method)
        if base is None or (cls, base) not in scores:
            ratio = "—"
        elif base == method:
            ratio = "1.00 (baseline)"
        else:
            ratio = f"{score / scores[(cls, base)]:.2f}"
        try:
            err_text = f"{float(err):,.0f}"
        except (TypeError, ValueError):
            err_text = ""  # a single iteration has no error estimate
        if err_text == "nan":
            err_text = ""
        line = f"| {cls}.{method} | {score:,.0f} | {err_text} | {ratio} |"
        if with_alloc:
            line += "" if alloc is None else f" {alloc:,.0f} |"
        print(line)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
