#!/usr/bin/env python3
"""Writes RESULTS.md (to standard output) from a directory that results.sh filled.

Usage: results.py DIRECTORY

The directory holds meta.txt (key=value lines: the machine, the JDK, the load averages, the
times) and the JSON of every JMH run: run<N>-single.json (the benchmarks measured once, on one
thread) and run<N>-<benchmark>-t<threads>.json (the scaling benchmarks, on 1 and on 2 threads).
With several runs every figure is the median over the runs; a ratio is the median of the per-run
ratios (each taken within one run), with their range. The JSON is read with ratios.py.
"""
import glob
import os
import re
import statistics
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for importing ratios.py
import ratios  # noqa: E402

median = statistics.median

# The targets.
DECODE_RATIO_TARGET = 1.5
HOSTILE_RATIO_TARGET = 3.0
HOSTILE_SHAPES = ("collidingKeys", "fingerprintKeys", "duplicateFields", "duplicateObjects",
                  "deepNesting", "longNumber", "longString", "hugeArray", "scopedKeys")
CACHED_OPS_TARGET = 1_000_000
SCALING_TARGET = 1.9
ALLOC_BEYOND_CLAIMS_TARGET = 2048
CALLOUT_RATIO_TARGET = 2.0
CALLOUT_MODES = ("plain", "xkey")

USER = "jwt=user"

# (method, label); the class's baseline (ratios.BASELINES) is marked in the table.
VERIFY_ROWS = [
    ("nkey", "natsjwt `NKey.verify`, key object reused"),
    ("bcRaw", "BouncyCastle `Ed25519.verify` on the raw key bytes"),
    ("bcCachedPoint", "BouncyCastle `Ed25519.verify` with a cached `Ed25519.PublicPoint`"),
    ("jdkCachedKey", "JDK `Signature` (\"Ed25519\"), cached `PublicKey`"),
    ("i2pCachedKey", "net.i2p.crypto:eddsa `EdDSAEngine`, cached key"),
    ("jnats", "jnats `io.nats.client.NKey.verify`"),
]
SIGN_ROWS = [
    ("nkey", "natsjwt `NKey.sign`"),
    ("bcDirect", "BouncyCastle `Ed25519.sign`, public key precomputed"),
    ("jdk", "JDK `Signature` (\"Ed25519\"), cached `PrivateKey`"),
    ("i2p", "net.i2p.crypto:eddsa `EdDSAEngine`, cached key"),
    ("jnats", "jnats `io.nats.client.NKey.sign`"),
]
DECODE_ROWS = [
    ("decodeVerifyNatsjwt", "natsjwt `Jwt.decode`"),
    ("decodeVerifyCachedNatsjwt",
     "natsjwt `JwtDecoder` with `verifiedTokenCacheSize`, token seen before (a new equal String)"),
    ("decodeVerifyJacksonBc", "Jackson `readTree` + BouncyCastle `Ed25519.verify`"),
]
PARSE_ROWS = [
    ("decodeNatsjwt", "natsjwt `Claims.fromJson`"),
    ("decodeJackson", "Jackson `ObjectMapper.readTree`"),
    ("claimsBuild", "natsjwt `toBuilder().build()` of the decoded claims (the claims object alone)"),
]
TRUST_ROWS = [
    ("verifyUser", "natsjwt `verifyUser`, default verifier (verified-token cache on)"),
    ("verifyUserNoTokenCache", "natsjwt `verifyUser`, `verifiedTokenCacheSize(0)`"),
    ("jacksonBcNonce",
     "Jackson + BouncyCastle decode and verify of the user JWT, BouncyCastle verify of the nonce"),
]

CALLOUT_ROWS = [
    ("natsjwt", "natsjwt `CalloutService` request path"),
    ("jacksonBc", "Jackson databind + BouncyCastle (`Ed25519Signer`, X25519, XSalsa20-Poly1305)"),
]

# Paired benchmarks: (class, method, params of the separate row it belongs to) -> paired key.
PAIRED_FOR = {
    ("VerifyBenchmark", "nkey", "messageBytes=32"): ("PairedBenchmark", "verify", ""),
    ("SignBenchmark", "nkey", "messageBytes=32"): ("PairedBenchmark", "sign", ""),
    ("JwtBenchmark", "decodeVerifyNatsjwt", USER): ("JwtPairedBenchmark", "decodeVerify", USER),
    ("TrustBenchmark", "verifyUser", "users=1"): ("TrustPairedBenchmark", "cachedVsJacksonBc", ""),
    **{
        ("CalloutBenchmark", "natsjwt", f"mode={m}"): ("CalloutPairedBenchmark", "answer",
                                                       f"mode={m}")
        for m in CALLOUT_MODES
    },
}

# Measured on 1 and 2 threads: (class, method, params, label, is the library's).
SCALING_ROWS = [
    ("JwtBenchmark", "decodeVerifyNatsjwt", USER, "natsjwt `Jwt.decode`", True),
    ("JwtBenchmark", "decodeVerifyCachedNatsjwt", USER, "natsjwt `JwtDecoder`, token seen before",
     True),
    ("JwtBenchmark", "decodeVerifyJacksonBc", USER, "Jackson + BouncyCastle decode+verify", False),
] + [
    ("TrustBenchmark", m, f"users={u}", f"{label}, {u:,} user{'s' if u > 1 else ''}", lib)
    for u in (1, 1000)
    for m, label, lib in (
        ("verifyUser", "natsjwt `verifyUser`, token cache on", True),
        ("verifyUserNoTokenCache", "natsjwt `verifyUser`, token cache off", True),
        ("jacksonBcNonce", "Jackson + BouncyCastle JWT and nonce", False),
    )
]


def read_runs(directory):
    """[(results, paired)] per run: results keyed (class, method, params, threads)."""
    names = glob.glob(os.path.join(directory, "run*-*.json"))
    numbers = sorted({int(re.match(r"run(\d+)-", os.path.basename(n)).group(1)) for n in names})
    runs = []
    for number in numbers:
        results, paired = {}, {}
        for path in sorted(glob.glob(os.path.join(directory, f"run{number}-*.json"))):
            if os.path.getsize(path) == 0:
                continue
            head, separate, pairs = ratios.load(path)
            threads = head.get("threads", 1)
            for (cls, method, params), value in separate.items():
                results[(cls, method, params, threads)] = value
            paired.update(pairs)
        runs.append((results, paired))
    return runs


def versions(root):
    """Dependency versions from the parent pom's properties."""
    with open(os.path.join(root, "pom.xml")) as f:
        pom = f.read()
    found = dict(re.findall(r"<([a-z.]+)\.version>([^<]+)<", pom))
    found["natsjwt"] = re.search(r"<version>([^<]+)</version>", pom).group(1)
    return found


def fmt_ops(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_range(values, digits=2):
    """The median, and the range when there are several values."""
    text = f"{median(values):.{digits}f}"
    if len(values) > 1:
        text += f" ({min(values):.{digits}f}–{max(values):.{digits}f})"
    return text


class Figures:
    """Looks up medians over runs."""

    def __init__(self, runs):
        self.runs = runs

    def results(self, cls, method, params, threads=1):
        key = (cls, method, params, threads)
        return [r[key] for r, _ in self.runs if key in r]

    def score(self, *key, threads=1):
        found = self.results(*key, threads=threads)
        return median(r["score"] for r in found) if found else None

    def alloc(self, *key, threads=1):
        found = [r["alloc"] for r in self.results(*key, threads=threads) if r["alloc"] is not None]
        return median(found) if found else None

    def error_percent(self, *key):
        found = self.results(*key)
        if len(self.runs) != 1 or not found or found[0]["error"] != found[0]["error"]:
            return None
        return 100 * found[0]["error"] / found[0]["score"]

    def ratios(self, cls, method, base, params, threads=1, over=None, field="score"):
        """Per-run ratios of two benchmarks' scores (or best iterations: field="best"); `over`
        is the thread count of the second."""
        values = []
        for r, _ in self.runs:
            a = r.get((cls, method, params, threads))
            b = r.get((cls, base, params, threads if over is None else over))
            if a and b:
                values.append(a[field] / b[field])
        return values

    def paired(self, cls, method, params):
        """(per-run medians of the iteration ratios, every iteration's ratio)."""
        key = (cls, method, params)
        found = [p[key] for _, p in self.runs if key in p]
        return [median(p["ratio"]) for p in found], [v for p in found for v in p["ratio"]]


def operation_table(fig, cls, params, rows):
    baselines = ratios.BASELINES.get(cls, {})
    lines = [
        "| Implementation | ops/s | B/op | speed / baseline | best iterations | paired |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for method, label in rows:
        score = fig.score(cls, method, params)
        if score is None:
            continue
        base = baselines.get(method)
        is_baseline = base == method
        ops = fmt_ops(score)
        error = fig.error_percent(cls, method, params)
        if error is not None:
            ops += f" ± {error:.0f} %"
        alloc = fig.alloc(cls, method, params)
        ratio = best = "—"
        if is_baseline:
            ratio = best = "1"
        elif base:
            values = fig.ratios(cls, method, base, params)
            ratio = fmt_range(values) if values else "—"
            values = fig.ratios(cls, method, base, params, field="best")
            best = fmt_range(values) if values else "—"
        paired = "—"
        pair_key = PAIRED_FOR.get((cls, method, params))
        if pair_key:
            per_run, every = fig.paired(*pair_key)
            if per_run:
                paired = f"{median(per_run):.3f} ({min(every):.3f}–{max(every):.3f})"
        name = f"**{label}** (baseline)" if is_baseline else label
        lines.append(f"| {name} | {ops} | {'—' if alloc is None else f'{alloc:,.0f}'} "
                     f"| {ratio} | {best} | {paired} |")
    return "\n".join(lines)


def scaling_rows(fig):
    """(label, is the library's, 1-thread ops/s, 2-thread ops/s, per-run 2/1 ratios of the
    means, and of the best iterations)."""
    rows = []
    for cls, method, params, label, lib in SCALING_ROWS:
        one = fig.score(cls, method, params, threads=1)
        two = fig.score(cls, method, params, threads=2)
        if one is None or two is None:
            continue
        per_run = fig.ratios(cls, method, method, params, threads=2, over=1)
        best = fig.ratios(cls, method, method, params, threads=2, over=1, field="best")
        rows.append((label, lib, one, two, per_run, best))
    return rows


def verdict(ok):
    if ok is None:
        return "not measured"
    return "**pass**" if ok else "**FAIL**"


def hostile_rows(fig):
    """Per hostile shape: (shape, hostile over benign per run, every iteration's, ms of each)."""
    rows = []
    for shape in HOSTILE_SHAPES:
        key = ("HostileInputPairedBenchmark", "verifyUser", f"shape={shape}")
        found = [p[key] for _, p in fig.runs if key in p]
        if not found:
            continue
        # The library's side is the hostile token and the baseline the benign one, so the paired
        # ratio is benign time over hostile time: its inverse is the cost of the hostile shape.
        per_run = [1 / median(p["ratio"]) for p in found]
        every = [1 / v for p in found for v in p["ratio"]]
        hostile_ms = median(median(p["nkeyNs"]) for p in found) / 1e6
        benign_ms = median(median(p["bcNs"]) for p in found) / 1e6
        rows.append((shape, per_run, every, hostile_ms, benign_ms))
    return rows


def hostile_table(rows):
    lines = ["| Shape | hostile ms | benign ms | hostile / benign (paired) |", "|---|--:|--:|--:|"]
    for shape, per_run, every, hostile_ms, benign_ms in rows:
        lines.append(f"| `{shape}` | {hostile_ms:.1f} | {benign_ms:.1f} | {median(per_run):.2f} "
                     f"({min(every):.2f}–{max(every):.2f}) |")
    return "\n".join(lines)


def targets(fig, scaling, meta):
    lines = ["| Target | Measured | Result |", "|---|---|---|"]

    hostile = hostile_rows(fig)
    if hostile:
        worst = max(hostile, key=lambda r: median(r[1]))
        value = median(worst[1])
        lines.append(f"| Worst hostile 1 MiB token through `verifyUser` ≤ {HOSTILE_RATIO_TARGET:g} × "
                     f"a benign token of the same size | `{worst[0]}`: {value:.2f} × (paired; "
                     f"iterations {min(worst[2]):.2f}–{max(worst[2]):.2f}) "
                     f"| {verdict(value <= HOSTILE_RATIO_TARGET)} |")

    per_run, every = fig.paired("JwtPairedBenchmark", "decodeVerify", USER)
    separate = fig.ratios("JwtBenchmark", "decodeVerifyNatsjwt", "decodeVerifyJacksonBc", USER)
    if per_run:
        value = median(per_run)
        text = f"{value:.2f} × (paired; iterations {min(every):.2f}–{max(every):.2f})"
        if separate:
            text += f"; separate benchmarks {fmt_range(separate)} ×"
    elif separate:
        value = median(separate)
        text = f"{fmt_range(separate)} × (separate benchmarks)"
    else:
        value, text = None, "—"
    lines.append(f"| Decode+verify of a user JWT from a known issuer (`Jwt.decode`) ≥ "
                 f"{DECODE_RATIO_TARGET} × Jackson + BouncyCastle | {text} "
                 f"| {verdict(None if value is None else value >= DECODE_RATIO_TARGET)} |")

    cached = fig.score("JwtBenchmark", "decodeVerifyCachedNatsjwt", USER)
    lines.append(f"| Cached re-verification of a token already seen ≥ {CACHED_OPS_TARGET:,} ops/s "
                 f"(1 thread) | {'—' if cached is None else fmt_ops(cached) + ' ops/s'} "
                 f"| {verdict(None if cached is None else cached >= CACHED_OPS_TARGET)} |")

    library = [(label, median(r)) for label, lib, _, _, r, _ in scaling if lib and r]
    others = [median(r) for _, lib, _, _, r, _ in scaling if not lib and r]
    result = verdict(None)
    if library:
        label, lowest = min(library, key=lambda x: x[1])
        text = f"lowest of the natsjwt rows {lowest:.2f} × ({label})"
        if others:
            text += f"; the baselines on the same machine {min(others):.2f}–{max(others):.2f} ×"
        result = verdict(lowest >= SCALING_TARGET)
        if lowest < SCALING_TARGET and others and max(others) < SCALING_TARGET:
            result += " as measured; inconclusive: the baselines did not reach it either"
    else:
        text = "—"
    lines.append(f"| 2 threads ≥ {SCALING_TARGET} × 1 thread | {text} | {result} |")

    for mode in CALLOUT_MODES:
        params = f"mode={mode}"
        per_run, every = fig.paired("CalloutPairedBenchmark", "answer", params)
        separate = fig.ratios("CalloutBenchmark", "natsjwt", "jacksonBc", params)
        if per_run:
            value = median(per_run)
            text = f"{value:.2f} × (paired; iterations {min(every):.2f}–{max(every):.2f})"
            if separate:
                text += f"; separate benchmarks {fmt_range(separate)} ×"
        elif separate:
            value = median(separate)
            text = f"{fmt_range(separate)} × (separate benchmarks)"
        else:
            continue
        lines.append(f"| Auth callout, one request, {mode} ≥ {CALLOUT_RATIO_TARGET:g} × Jackson + "
                     f"BouncyCastle | {text} | {verdict(value >= CALLOUT_RATIO_TARGET)} |")

    decode = fig.alloc("JwtBenchmark", "decodeVerifyNatsjwt", USER)
    claims = fig.alloc("JwtBenchmark", "claimsBuild", USER)
    retained = int(meta["claims_retained"]) if meta.get("claims_retained") else None
    if decode is not None and retained is not None:
        # The claims object is what the decode returns and keeps alive: its retained size (JOL).
        # toBuilder().build() shares the original's strings and lists, so it undercounts it.
        beyond = decode - retained
        text = (f"{beyond:,.0f} B ({decode:,.0f} B/op for `Jwt.decode` − {retained:,} B the "
                "claims object retains, JOL)")
        if claims is not None:
            text += f"; {decode - claims:,.0f} B beyond `claimsBuild`'s {claims:,.0f} B/op"
        ok = beyond <= ALLOC_BEYOND_CLAIMS_TARGET
    elif decode is not None and claims is not None:
        beyond = decode - claims
        text = (f"{beyond:,.0f} B ({decode:,.0f} B/op for `Jwt.decode` − {claims:,.0f} B/op "
                "for `claimsBuild`; no JOL figure in this run)")
        ok = beyond <= ALLOC_BEYOND_CLAIMS_TARGET
    else:
        text, ok = "—", None
    lines.append(f"| Allocation per verify ≤ {ALLOC_BEYOND_CLAIMS_TARGET:,} B beyond the decoded "
                 f"claims object | {text} | {verdict(ok)} |")
    return "\n".join(lines)


def scaling_table(scaling):
    lines = [
        "| Benchmark | 1 thread ops/s | 2 threads ops/s | 2 threads / 1 thread "
        "| best iterations |",
        "|---|--:|--:|--:|--:|",
    ]
    for label, lib, one, two, per_run, best in scaling:
        ratio = fmt_range(per_run) if per_run else "—"
        if lib and per_run:
            ratio = f"**{ratio}**"
        lines.append(f"| {label} | {fmt_ops(one)} | {fmt_ops(two)} | {ratio} "
                     f"| {fmt_range(best) if best else '—'} |")
    return "\n".join(lines)


def allocation_table(fig, meta):
    decode = fig.alloc("JwtBenchmark", "decodeVerifyNatsjwt", USER)
    claims = fig.alloc("JwtBenchmark", "claimsBuild", USER)
    retained = int(meta["claims_retained"]) if meta.get("claims_retained") else None
    lines = ["| | bytes |", "|---|--:|"]
    lines.append(f"| `Jwt.decode` (decode+verify), B/op "
                 f"| {'—' if decode is None else f'{decode:,.0f}'} |")
    if retained is not None:
        lines.append(f"| the claims object it returns: what it retains (`ClaimsFootprint`, JOL) "
                     f"| {retained:,} |")
        if decode is not None:
            lines.append(f"| **beyond the claims object** (target ≤ "
                         f"{ALLOC_BEYOND_CLAIMS_TARGET:,}) | **{decode - retained:,.0f}** |")
    if meta.get("decoded_jwt_retained"):
        lines.append(f"| what the whole `DecodedJwt` retains (JOL) "
                     f"| {int(meta['decoded_jwt_retained']):,} |")
    if claims is not None:
        lines.append(f"| `toBuilder().build()` of the claims, B/op (`claimsBuild`; shares the "
                     f"original's strings and lists, so less than the claims object) "
                     f"| {claims:,.0f} |")
        if decode is not None:
            lines.append(f"| `Jwt.decode` beyond `claimsBuild` | {decode - claims:,.0f} |")
    for label, key in (
        ("for comparison: Jackson + BouncyCastle decode+verify",
         ("JwtBenchmark", "decodeVerifyJacksonBc", USER)),
        ("for comparison: `JwtDecoder`, token seen before (includes the new String of the token)",
         ("JwtBenchmark", "decodeVerifyCachedNatsjwt", USER)),
        ("for comparison: BouncyCastle `Ed25519.verify`, raw key, 1 KB",
         ("VerifyBenchmark", "bcRaw", "messageBytes=1024")),
    ):
        value = fig.alloc(*key)
        if value is not None:
            lines.append(f"| {label} | {value:,.0f} |")
    return "\n".join(lines)


def header(meta, runs, root, directory):
    v = versions(root)
    loads = meta["loads"]
    seconds = int(meta["end"]) - int(meta["start"])
    dirty = int(meta.get("dirty", "0") or 0)
    commit = meta.get("commit", "unknown") + (" with uncommitted changes" if dirty else "")
    from datetime import datetime, timezone
    date = datetime.fromtimestamp(int(meta["start"]), timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    vendor = meta.get("java.vendor", "")
    if meta.get("java.vendor.version"):
        vendor += f" ({meta['java.vendor.version']})"
    command = "benchmarks/results.sh" + (f" {meta['args']}" if meta.get("args") else "")
    if runs > 1:
        command = f"RUNS={runs} {command}"
    during = f"{min(loads):.2f}–{max(loads):.2f}" if loads else "—"
    return "\n".join([
        "# natsjwt benchmark results",
        "",
        f"Written by `{command}` from the JMH output in "
        f"`benchmarks/target/{os.path.basename(os.path.normpath(directory))}/`. "
        "Do not edit: run the script again. What each benchmark runs, and how to read the "
        "figures: [README.md](README.md).",
        "",
        "| | |",
        "|---|---|",
        f"| Date | {date} |",
        f"| Machine | {meta.get('cpu', '?')}, {meta.get('cores', '?')} cores (`nproc`), "
        "shared with other work |",
        f"| Load average (1 min) | {float(meta['load_before']):.2f} before, {during} at the start "
        f"of each JMH run, {float(meta['load_after']):.2f} after |",
        f"| JDK | {meta.get('java.runtime.version', '?')}, {vendor}, "
        f"{meta.get('java.vm.name', '')} |",
        f"| Code | natsjwt {v.get('natsjwt', '?')} at commit `{commit}`; BouncyCastle "
        f"{v.get('bouncycastle', '?')}, Jackson {v.get('jackson', '?')}, jnats "
        f"{v.get('jnats', '?')}, net.i2p.crypto:eddsa {v.get('eddsa', '?')}, JMH "
        f"{v.get('jmh', '?')} |",
        f"| Runs | {runs}{' (every figure is the median over the runs)' if runs > 1 else ''}; "
        f"the suite took {seconds // 60} min {seconds % 60} s |",
        "| JMH | 1 fork; 5 × 1 s measurement after 3 × 1 s warmup (10 × 1 s for the JWT, trust and callout "
        "benchmarks); throughput; `-prof gc` for B/op |",
    ])


def main(directory):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    meta = ratios.read_meta(directory, "load")
    runs = read_runs(directory)
    if not runs:
        sys.exit(f"no JMH results in {directory}")
    fig = Figures(runs)
    scaling = scaling_rows(fig)
    out = [header(meta, len(runs), root, directory), ""]
    loads = meta["loads"] + [float(meta["load_before"]), float(meta["load_after"])]
    cores = int(meta.get("cores") or 0)
    if cores and max(loads) > cores:
        out += [
            f"> **Busy machine.** The load average reached {max(loads):.1f} on {cores} cores: "
            "other work took CPU time from the benchmarks, so the throughputs and the ratios of "
            "separate benchmarks (above all the 2-thread ones) vary far more than usual; see the "
            "± column. The paired ratios hold best. Repeat on a quieter machine, or with RUNS=3, "
            "before drawing conclusions from the others.",
            "",
        ]
    out += [
        "## Targets of the issue",
        "",
        "Ratios are speed over the baseline's speed (above 1 is faster), measured in the same "
        "run: of the means (JMH's score), of the best iterations (other work only slows a "
        "benchmark down, so the best of 5 is often nearer its speed on a quiet machine), and "
        "paired (both sides alternately in one loop, each call timed: the median per-pair "
        "ratio, with the range over iterations; the steadiest under load). ± is JMH's 99.9 % "
        "interval. The machine is shared: mind the load average above, which also bounds what "
        "2 threads can gain.",
        "",
        targets(fig, scaling, meta),
        "",
    ]
    for title, cls, rows in (
        ("Ed25519 verify", "VerifyBenchmark", VERIFY_ROWS),
        ("Ed25519 sign", "SignBenchmark", SIGN_ROWS),
    ):
        for size in (32, 1024):
            out += [f"## {title}, {size:,}-byte message", "",
                    operation_table(fig, cls, f"messageBytes={size}", rows), ""]
    out += [
        "Paired (32 bytes): `PairedBenchmark`.",
        "",
        "## Decode+verify of a user JWT from a known issuer",
        "",
        "The `user` token of `JwtFixtures` (1.3 KB, issued by an account signing key).",
        "",
        operation_table(fig, "JwtBenchmark", USER, DECODE_ROWS),
        "",
        "Paired: `JwtPairedBenchmark.decodeVerify`. Parsing alone, from the decoded payload "
        "bytes (no baseline for the claims object):",
        "",
        operation_table(fig, "JwtBenchmark", USER, PARSE_ROWS),
        "",
    ]
    for users in (1, 1000):
        who = "one user reconnecting" if users == 1 else "1,000 users connecting round-robin"
        out += [f"## `TrustVerifier.verifyUser` with a cached account: {who}", "",
                operation_table(fig, "TrustBenchmark", f"users={users}", TRUST_ROWS), ""]
    out += [
        "Paired (one user): `TrustPairedBenchmark.cachedVsJacksonBc`. Every call presents a "
        "nonce of its own and the user JWT as a new String.",
        "",
        "## 2 threads against 1 thread",
        "",
        "Each benchmark on 1 thread, then at once on 2 (`-t 2`, same settings); ops/s of all "
        "threads together.",
        "",
        scaling_table(scaling),
        "",
        "## Hostile input: `verifyUser` on 1 MiB tokens",
        "",
        "`HostileInputPairedBenchmark`: each call runs `verifyUser` on a token of the shape and on "
        "a benign user JWT of the same size (about 31,000 publish permissions, trusted chain, "
        "refused only at the nonce), alternately, each timed. The hostile tokens are self-signed "
        "with a signature that does not verify, as any client can send them; `scopedKeys` is an "
        "account JWT sent as a user JWT. What each shape is: `HostileInputBenchmark`'s Javadoc.",
        "",
        hostile_table(hostile_rows(fig)),
        "",
        "## Callout",
        "",
        "`CalloutBenchmark`: one authorization request from the message payload to the reply "
        "payload, as nats-server 2.14 sends it for a user name and password (a fake server key "
        "signs it once in the setup): decrypt (`xkey`), decode and verify the request JWT, decide, "
        "mint and sign the user JWT, build, sign and encrypt (`xkey`) the response. The library's "
        "side is `CalloutService`'s own handler with its deadline, the checks of section 7.3 and "
        "its event; the baseline does the same steps with Jackson and BouncyCastle and none of "
        "the checks beyond the request's signature, audience, expiry and server. Paired: "
        "`CalloutPairedBenchmark.answer`.",
        "",
    ]
    for mode in CALLOUT_MODES:
        table = operation_table(fig, "CalloutBenchmark", f"mode={mode}", CALLOUT_ROWS)
        if table.count("\n") > 1:
            out += [f"`mode={mode}`:", "", table, ""]
    out += [
        "## Allocation per decode beyond the claims object",
        "",
        "`gc.alloc.rate.norm` (B/op) of the user token. The claims object's size is what JOL "
        "finds it keeps alive of what the decode allocated; `claimsBuild` counts the builder's "
        "temporary objects but not the values the copy shares with the original.",
        "",
        allocation_table(fig, meta),
        "",
    ]
    print("\n".join(out), end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
