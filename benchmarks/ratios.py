#!/usr/bin/env python3
"""Prints a Markdown table of JMH throughput results with the ratio to each group's baseline.

Usage: ratios.py RESULT.json [MORE.json ...]

A ratio above 1 means faster than the BouncyCastle baseline measured in the same run (the same
JSON file). Two ratios are shown: of the mean scores, and of the best measurement iterations. On a
shared machine other work only ever slows a benchmark down, so the best iteration is often the
steadier of the two. With several files (repeated runs), each ratio is the median of the per-file
ratios, with their range. A B/op column appears when the runs used -prof gc.

PairedBenchmark and TrustPairedBenchmark results get tables of their own: there both sides are
timed call by call in the same loop, and the ratio is the median over iterations (and over files)
of each iteration's median per-pair ratio, with the range over all iterations.
"""
import json
import statistics
import sys

# Benchmark method -> baseline method, per class. Methods not listed have no baseline.
BASELINES = {
    "TrustBenchmark": {
        m: "decodeVerifyNonce"
        for m in (
            "verifyUserCached",
            "verifyUserCold",
            "verifyUserNewVerifier",
            "decodeVerifyNonce",
            "bcTwoVerifies",
        )
    },
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


# Paired classes -> the names of their two sides (the library's first).
PAIRED = {
    "PairedBenchmark": ("NKey", "BC"),
    "TrustPairedBenchmark": ("natsjwt", "baseline"),
}


def load(path):
    """Returns the run's header fields, {(class, method): result} and the same for paired
    results."""
    with open(path) as f:
        runs = json.load(f)
    results = {}
    paired = {}
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        if cls in PAIRED:
            # Per-iteration values: JMH's score for these counters is their sum over iterations.
            paired[(cls, method)] = {
                name: [v for fork in r["secondaryMetrics"][name]["rawData"] for v in fork]
                for name in ("ratio", "nkeyNs", "bcNs")
            }
            continue
        pm = r["primaryMetric"]
        iterations = [v for fork in pm["rawData"] for v in fork]
        try:
            error = float(pm.get("scoreError"))
        except (TypeError, ValueError):
            error = float("nan")  # one iteration has no error estimate
        results[(cls, method)] = {
            "score": pm["score"],
            "error": error,
            "best": max(iterations),
            "alloc": r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score"),
        }
    return (runs[0] if runs else {}), results, paired


def ratio(results, key, field):
    base = BASELINES.get(key[0], {}).get(key[1])
    if base is None or (key[0], base) not in results:
        return None
    return results[key][field] / results[(key[0], base)][field]


def fmt_ratio(values, is_baseline):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    if is_baseline:
        return "1 (baseline)"
    text = f"{statistics.median(values):.2f}"
    if len(values) > 1:
        text += f" ({min(values):.2f}–{max(values):.2f})"
    return text


def main(paths):
    loaded = [load(p) for p in paths]
    files = [(head, results) for head, results, _ in loaded]
    head = files[0][0]
    if head:
        print(f"JDK {head.get('jdkVersion')} ({head.get('vmName')} {head.get('vmVersion')}); "
              f"{head.get('forks')} fork, {head.get('warmupIterations')} x "
              f"{head.get('warmupTime')} warmup, {head.get('measurementIterations')} x "
              f"{head.get('measurementTime')} measurement, {head.get('threads')} thread; "
              f"{len(files)} run(s)")
        print()
    keys = []
    for _, results in files:
        keys += [k for k in results if k not in keys]
    keys.sort()
    if keys:
        print_table(files, keys)
    pairs = [paired for _, _, paired in loaded]
    printed = bool(keys)
    for cls in PAIRED:
        methods = sorted({k for p in pairs for k in p if k[0] == cls})
        if methods:
            if printed:
                print()
            print_paired(cls, pairs, methods)
            printed = True


def print_paired(cls, pairs, methods):
    ours, theirs = PAIRED[cls]
    print(f"| Paired (same loop) | {ours} µs/call | {theirs} µs/call "
          f"| {ours} speed / {theirs} speed |")
    print("|---|--:|--:|--:|")
    for m in methods:
        present = [p[m] for p in pairs if m in p]
        per_file = {
            name: statistics.median(statistics.median(p[name]) for p in present)
            for name in ("ratio", "nkeyNs", "bcNs")
        }
        every = [v for p in present for v in p["ratio"]]
        print(f"| {m[0]}.{m[1]} | {per_file['nkeyNs'] / 1000:.1f} | {per_file['bcNs'] / 1000:.1f} "
              f"| {per_file['ratio']:.3f} ({min(every):.3f}–{max(every):.3f}) |")


def print_table(files, keys):
    with_alloc = any(r.get("alloc") is not None for _, res in files for r in res.values())
    single = len(files) == 1
    header = ["Benchmark", "ops/s" if single else "ops/s (median)"]
    if single:
        header.append("± 99.9%")
    header += ["ratio of means", "ratio of best iterations"]
    if with_alloc:
        header.append("B/op")
    print("| " + " | ".join(header) + " |")
    print("|---|" + "--:|" * (len(header) - 1))
    for key in keys:
        present = [res for _, res in files if key in res]
        is_baseline = BASELINES.get(key[0], {}).get(key[1]) == key[1]
        row = [f"{key[0]}.{key[1]}", f"{statistics.median(r[key]['score'] for r in present):,.0f}"]
        if single:
            err = present[0][key]["error"]
            row.append("" if err != err else f"{err:,.0f}")
        row.append(fmt_ratio([ratio(r, key, "score") for r in present], is_baseline))
        row.append(fmt_ratio([ratio(r, key, "best") for r in present], is_baseline))
        if with_alloc:
            allocs = [r[key]["alloc"] for r in present if r[key]["alloc"] is not None]
            row.append(f"{statistics.median(allocs):,.0f}" if allocs else "")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
