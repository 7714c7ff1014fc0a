#!/usr/bin/env python3
"""Prints a Markdown table of JMH throughput results with the ratio to each group's baseline.

Usage: ratios.py RESULT.json [MORE.json ...]

A ratio above 1 means faster than the BouncyCastle baseline measured in the same run (the same
JSON file). Two ratios are shown: of the mean scores, and of the best measurement iterations. On a
shared machine other work only ever slows a benchmark down, so the best iteration is often the
steadier of the two. With several files (repeated runs), each ratio is the median of the per-file
ratios, with their range. A B/op column appears when the runs used -prof gc.

PairedBenchmark results get a table of their own: there both sides are timed call by call in the
same loop, and the ratio is the median over iterations (and over files) of each iteration's median
per-pair ratio, with the range over all iterations.

JwtBenchmark and JwtPairedBenchmark results are combined into one table, a row per token (the
jwt=user|account parameter) and operation: throughput and allocation of each side from
JwtBenchmark, the ratio of best iterations from JwtBenchmark, and the paired ratio and median
call times from JwtPairedBenchmark.
"""
import json
import os
import statistics
import sys

def read_meta(directory, load_key):
    """meta.txt of a results directory as a dict; its repeated load_key lines (one per JMH or Go
    pass) become the list meta["loads"]."""
    meta, loads = {}, []
    with open(os.path.join(directory, "meta.txt")) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key == load_key:
                loads.append(float(value))
            else:
                meta[key] = value
    meta["loads"] = loads
    return meta


# Benchmark method -> baseline method, per class. Methods not listed have no baseline.
BASELINES = {
    "TrustBenchmark": {
        **{
            m: "jacksonBcNonce"
            for m in ("verifyUser", "verifyUserNoTokenCache", "jacksonBcNonce")
        },
        **{
            m: "decodeVerifyNonce"
            for m in (
                "verifyUserCold",
                "verifyUserNewVerifier",
                "decodeVerifyNonce",
                "bcTwoVerifies",
            )
        },
    },
    "SignBenchmark": {m: "bcDirect" for m in ("nkey", "bcDirect", "jdk", "i2p", "jnats")},
    "VerifyBenchmark": {
        m: "bcRaw"
        for m in ("nkey", "bcRaw", "bcCachedPoint", "jdkCachedKey", "i2pCachedKey", "jnats")
    },
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
    "CalloutBenchmark": {"natsjwt": "jacksonBc", "jacksonBc": "jacksonBc"},
    "JwtBenchmark": {
        "decodeNatsjwt": "decodeJackson",
        "decodeJackson": "decodeJackson",
        "decodeVerifyNatsjwt": "decodeVerifyJacksonBc",
        "decodeVerifyJacksonBc": "decodeVerifyJacksonBc",
        "decodeVerifyCachedNatsjwt": "decodeVerifyJacksonBc",
        "encodeNatsjwt": "encodeJacksonBc",
        "encodeJacksonBc": "encodeJacksonBc",
    },
}


# Paired classes -> the names of their two sides (the library's first).
PAIRED = {
    "PairedBenchmark": ("NKey", "BC"),
    "JwtPairedBenchmark": ("natsjwt", "Jackson+BC"),
    "TrustPairedBenchmark": ("natsjwt", "baseline"),
    "CalloutPairedBenchmark": ("natsjwt", "Jackson+BC"),
    "HostileInputPairedBenchmark": ("hostile", "benign"),
}


# JWT table: (operation, JwtBenchmark method, its baseline, JwtPairedBenchmark method); None where
# there is none.
JWT_OPERATIONS = [
    ("decode", "decodeNatsjwt", "decodeJackson", "decode"),
    ("decode+verify", "decodeVerifyNatsjwt", "decodeVerifyJacksonBc", "decodeVerify"),
    ("decode+verify, cached", "decodeVerifyCachedNatsjwt", "decodeVerifyJacksonBc", None),
    ("claims object only", "claimsBuild", None, None),
    ("encode", "encodeNatsjwt", "encodeJacksonBc", "encode"),
]
JWT_TOKENS = ("user", "account")
JWT_SEPARATE = "JwtBenchmark"
JWT_PAIRED = "JwtPairedBenchmark"


def params_of(r):
    """JMH parameters as "k=v,k=v" (empty when there are none)."""
    return ",".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))


def label(cls, method, params):
    return f"{cls}.{method}" + (f" ({params})" if params else "")


def load(path):
    """Returns the run's header fields, {(class, method, params): result} and the same for paired
    results."""
    with open(path) as f:
        runs = json.load(f)
    results = {}
    paired = {}
    for r in runs:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        key = (cls, method, params_of(r))
        if cls in PAIRED:
            # Per-iteration values: JMH's score for these counters is their sum over iterations.
            paired[key] = {
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
        results[key] = {
            "score": pm["score"],
            "error": error,
            "best": max(iterations),
            "alloc": r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score"),
        }
    return (runs[0] if runs else {}), results, paired


def ratio(results, key, field):
    base = BASELINES.get(key[0], {}).get(key[1])
    if base is None or (key[0], base, key[2]) not in results:
        return None
    return results[key][field] / results[(key[0], base, key[2])][field]


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
        keys += [k for k in results if k not in keys and k[0] != JWT_SEPARATE]
    keys.sort()
    tables = []
    if keys:
        tables.append(lambda: print_table(files, keys))
    pairs = [paired for _, _, paired in loaded]
    for cls in PAIRED:
        if cls == JWT_PAIRED:
            continue
        methods = sorted({k for p in pairs for k in p if k[0] == cls})
        if methods:
            tables.append(lambda cls=cls, methods=methods: print_paired(cls, pairs, methods))
    if any(k[0] in (JWT_SEPARATE, JWT_PAIRED) for _, r, p in loaded for k in list(r) + list(p)):
        tables.append(lambda: print_jwt(loaded))
    for i, table in enumerate(tables):
        if i > 0:
            print()
        table()


def print_jwt(loaded):
    """One row per token and operation; a dash where that benchmark was not run."""
    print("| JWT | Operation | natsjwt ops/s | baseline ops/s | natsjwt speed / baseline speed "
          "(paired) | ratio of best iterations (separate) | natsjwt µs/call (paired) "
          "| baseline µs/call (paired) | natsjwt B/op | baseline B/op |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    median = statistics.median
    for token in JWT_TOKENS:
        params = f"jwt={token}"
        for operation, ours, base, paired in JWT_OPERATIONS:
            ko, kb = (JWT_SEPARATE, ours, params), (JWT_SEPARATE, base, params)
            kp = (JWT_PAIRED, paired, params)
            sides = [[r[k] for _, r, _ in loaded if k in r] for k in (ko, kb)]
            both = [(r[ko], r[kb]) for _, r, _ in loaded if ko in r and kb in r]
            pair = [p[kp] for _, _, p in loaded if kp in p]
            if not sides[0] and not pair:
                continue
            row = [token, operation]
            for side in sides:
                row.append(f"{median(r['score'] for r in side):,.0f}" if side else "—")
            if pair:
                every = [v for p in pair for v in p["ratio"]]
                row.append(f"{median(median(p['ratio']) for p in pair):.3f} "
                           f"({min(every):.3f}–{max(every):.3f})")
            else:
                row.append("—")
            row.append(fmt_ratio([o["best"] / b["best"] for o, b in both], False))
            for name in ("nkeyNs", "bcNs"):
                if pair:
                    us = median(median(p[name]) for p in pair) / 1000
                    row.append(f"{us:,.1f}" if us < 100 else f"{us:,.0f}")
                else:
                    row.append("—")
            for side in sides:
                allocs = [r["alloc"] for r in side if r["alloc"] is not None]
                row.append(f"{median(allocs):,.0f}" if allocs else "—")
            print("| " + " | ".join(row) + " |")


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
        print(f"| {label(*m)} | {per_file['nkeyNs'] / 1000:.1f} | {per_file['bcNs'] / 1000:.1f} "
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
        row = [label(*key), f"{statistics.median(r[key]['score'] for r in present):,.0f}"]
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
