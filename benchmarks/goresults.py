#!/usr/bin/env python3
"""Writes the "Against the Go reference" section of RESULTS.md (to standard output) from a
directory that results.sh filled.

Usage: goresults.py DIRECTORY

The directory holds meta.txt, go-run<N>-go.jsonl (the Go program's JSON lines: op, score,
iterations, bytesPerOp) and go-run<N>-jmh.json (GoComparisonBenchmark, read with ratios.py), the
two of a pass N run one after the other. A ratio to Go is taken within one pass; with several
passes the figure is their median, with their range.
"""
import glob
import json
import os
import re
import statistics
import sys
from datetime import datetime, timezone

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for importing ratios.py
import ratios  # noqa: E402

median = statistics.median
CLS = "GoComparisonBenchmark"

# (Go operation, title, Go's label, the Java baseline method and its label, natsjwt's methods).
JACKSON_BC = "Jackson + BouncyCastle"
OPERATIONS = [
    ("decodeUser", "Decode and verify a user JWT (1.3 KB, issued by an account signing key)",
     "`jwt.DecodeUserClaims`",
     ("decodeUserJacksonBc", f"{JACKSON_BC}: `readTree`, `Ed25519.verify`"),
     [("decodeUser", "natsjwt `Jwt.decode`")]),
    ("connect", "`CONNECT`: 1,000 distinct users of one account signing key, round-robin; the user "
     "JWT and the nonce signature verified",
     "`jwt.DecodeUserClaims`, then `nkeys.FromPublicKey(sub).Verify(nonce, sig)`",
     ("connectJacksonBc", f"{JACKSON_BC}: the same two steps"),
     [("connectDecodeNonce", "natsjwt `Jwt.decode`, then `NKey.fromPublicKey(sub).verify`"),
      ("connectVerifyUser", "natsjwt `TrustVerifier.verifyUser`, all of the server's checks, "
       "verified-token cache on"),
      ("connectVerifyUserNoTokenCache", "natsjwt `verifyUser`, `verifiedTokenCacheSize(0)`")]),
    ("chain", "Chain: operator, account and user JWT decoded and verified, issuers checked",
     "`DecodeOperatorClaims`, `DecodeAccountClaims`, `DecodeUserClaims`",
     ("chainJacksonBc", f"{JACKSON_BC}: three `decodeVerify`"),
     [("chainNatsjwt", "natsjwt: three `Jwt.decode`")]),
    ("ed25519Hot", "Ed25519 verify of 32 bytes, key object reused (hot key)",
     "nkeys `KeyPair.Verify`, key made once",
     ("ed25519BcRaw", "BouncyCastle `Ed25519.verify` on the raw key bytes"),
     [("ed25519Hot", "natsjwt `NKey.verify`, key made once")]),
    ("ed25519Cold", "Ed25519 verify of 32 bytes, key made from its string at every call (cold key)",
     "`nkeys.FromPublicKey(s).Verify`",
     ("ed25519BcRaw", "BouncyCastle `Ed25519.verify` on the raw key bytes (no key decoding)"),
     [("ed25519Cold", "natsjwt `NKey.fromPublicKey(s).verify`")]),
]


def read_passes(directory):
    """[(go results by op, JMH results by method)] per pass that has both."""
    passes = []
    paths = glob.glob(os.path.join(directory, "go-run*-go.jsonl"))
    for n in sorted(int(re.search(r"go-run(\d+)-go", p).group(1)) for p in paths):
        go_path = os.path.join(directory, f"go-run{n}-go.jsonl")
        jmh_path = os.path.join(directory, f"go-run{n}-jmh.json")
        if not os.path.exists(jmh_path) or os.path.getsize(jmh_path) == 0:
            continue
        with open(go_path) as f:
            go = {r["op"]: r for r in map(json.loads, filter(str.strip, f))}
        _, separate, _ = ratios.load(jmh_path)
        jmh = {method: r for (cls, method, _), r in separate.items() if cls == CLS}
        passes.append((go, jmh))
    return passes

# Targets as speed over Go's, on the median of the passes: (Go operation, natsjwt method, the
# lowest ratio that passes, what it measures).
TARGETS = [
    ("connect", "connectDecodeNonce", 2.0,
     "`CONNECT` with a first-seen user key (`Jwt.decode`, then `NKey.fromPublicKey(sub).verify`)"),
    ("ed25519Cold", "ed25519Cold", 1.5, "Ed25519 verify with a cold key"),
]


def fmt_ops(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_ratio(values):
    if not values:
        return "—"
    text = f"{median(values):.2f}"
    if len(values) > 1:
        text += f" ({min(values):.2f}–{max(values):.2f})"
    return text


def table(passes):
    lines = [
        "| Operation | Implementation | ops/s | B/op | speed / Go | best iterations / Go "
        "| speed / baseline |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for op, title, go_label, (base, base_label), ours in OPERATIONS:
        go = [g[op] for g, _ in passes if op in g]
        if not go:
            continue

        def go_ratio(method, field):
            values = []
            for g, j in passes:
                if op in g and method in j:
                    theirs = g[op]["score"] if field == "score" else max(g[op]["iterations"])
                    values.append(j[method][field] / theirs)
            return values

        def base_ratio(method):
            return [j[method]["score"] / j[base]["score"] for _, j in passes
                    if method in j and base in j]

        go_vs_base = [g[op]["score"] / j[base]["score"] for g, j in passes
                      if op in g and base in j]
        lines.append(f"| {title} | **Go reference**: {go_label} "
                     f"| {fmt_ops(median(r['score'] for r in go))} "
                     f"| {median(r['bytesPerOp'] for r in go):,.0f} | 1 | 1 "
                     f"| {fmt_ratio(go_vs_base)} |")
        for method, label in ours + [(base, base_label + " (baseline)")]:
            found = [j[method] for _, j in passes if method in j]
            if not found:
                continue
            allocs = [r["alloc"] for r in found if r["alloc"] is not None]
            lines.append(f"| | {label} | {fmt_ops(median(r['score'] for r in found))} "
                         f"| {f'{median(allocs):,.0f}' if allocs else '—'} "
                         f"| {fmt_ratio(go_ratio(method, 'score'))} "
                         f"| {fmt_ratio(go_ratio(method, 'best'))} "
                         f"| {'1' if method == base else fmt_ratio(base_ratio(method))} |")
    return "\n".join(lines)


def targets(passes):
    lines = []
    for op, method, want, what in TARGETS:
        values = [j[method]["score"] / g[op]["score"] for g, j in passes
                  if op in g and method in j]
        if not values:
            continue
        verdict = "PASS" if median(values) >= want else "FAIL"
        lines.append(f"- Target: {what} at least {want:.1f} × Go: {fmt_ratio(values)} × "
                     f"(median of the passes, with their range): **{verdict}**.")
    return "\n".join(lines)


def main(directory):
    meta = ratios.read_meta(directory, "go_load")
    passes = read_passes(directory)
    if not passes:
        sys.exit(f"no Go comparison in {directory}")
    start = int(meta.get("go_start", meta.get("start", "0")))
    end = int(meta.get("go_end", start))
    date = datetime.fromtimestamp(start, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    loads = meta["loads"]
    cores = int(meta.get("cores") or 0)
    dirty = int(meta.get("dirty", "0") or 0)
    commit = meta.get("commit", "unknown") + (" with uncommitted changes" if dirty else "")
    args = f" with JMH options `{meta['args']}`" if meta.get("args") else ""
    seconds = end - start
    out = [
        "## Against the Go reference",
        "",
        f"The Go reference (nats-io/jwt v2, nats-io/nkeys; `benchmarks/go`) and "
        f"`GoComparisonBenchmark` on the same fixture files (written once by `GoFixtures`), run "
        f"in turn: {', '.join(['Go, JMH'] * len(passes))}. From "
        f"`benchmarks/target/{os.path.basename(os.path.normpath(directory))}/`{args}.",
        "",
        "| | |",
        "|---|---|",
        f"| Date | {date}; the comparison took {seconds // 60} min {seconds % 60} s |",
        f"| Machine | {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores, shared with "
        "other work |",
        f"| Load average (1 min) | {min(loads):.2f}–{max(loads):.2f} at the start of each Go and "
        "JMH pass |" if loads else "| Load average | — |",
        f"| Go | {meta.get('go_version', '?')}, Debian's golang-github-nats-io-jwt-dev and "
        "golang-github-nats-io-nkeys-dev; 5 × 1 s warm-up, 5 × 1 s measured, one operation at "
        "a time |",
        f"| JDK | {meta.get('java.runtime.version', '?')}; JMH 1 fork, 5 × 1 s warmup, 5 × 1 s "
        "measurement, `-prof gc` |",
        f"| Code | commit `{commit}` |",
        "",
    ]
    if cores and loads and max(loads) > cores:
        out += [
            f"> **Busy machine.** The load average reached {max(loads):.1f} on {cores} cores "
            "during the comparison: both sides lost CPU time to other work, unevenly. The "
            "ratios to Go of the best iterations are the less disturbed figures.",
            "",
        ]
    out += [
        "Speeds over Go's (above 1: faster than Go), taken within one pass (a Go run and the JMH "
        "run right after it); with several passes the median and the range. *Best iterations*: "
        "the best measured iteration of each side. *Baseline*: Jackson + BouncyCastle for JWTs, "
        "raw BouncyCastle for Ed25519, from the same JMH run. B/op: JMH's `gc.alloc.rate.norm`; "
        "for Go, the bytes `runtime.MemStats.TotalAlloc` grew by per call.",
        "",
        table(passes),
        "",
    ]
    goals = targets(passes)
    if goals:
        out += [goals, ""]
    print("\n".join(out), end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
