#!/usr/bin/env python3
"""Turns one benchmarks/run.sh sitting (JMH JSON files, C and Go peer outputs) into markdown ratio tables.

Every ratio divides two numbers measured in the same sitting on the same machine. Units: MB/s = 10^6 B/s.
"""
import json
import os
import re
import statistics
import sys

out = sys.argv[1]


def load(name):
    path = os.path.join(out, name + ".json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def find(results, method, **params):
    for r in results:
        if r["benchmark"].endswith("." + method) and all(
                str(r.get("params", {}).get(k)) == str(v) for k, v in params.items()):
            return r
    return None


def score(results, method, **params):
    r = find(results, method, **params)
    return None if r is None else r["primaryMetric"]["score"]


def err(results, method, **params):
    r = find(results, method, **params)
    return None if r is None else r["primaryMetric"]["scoreError"]


def fmt(x, digits=0):
    if x is None or x != x:
        return "n/a"
    return f"{x:,.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}x"


def peer_lines(name):
    path = os.path.join(out, name)
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                parts = line.strip().split("\t")
                if len(parts) == 2:
                    values[parts[0]] = float(parts[1])
    return values


go = peer_lines("go.txt")

# --- KCP engine bulk transfer -------------------------------------------------------------------------------------
kcp = load("kcp")
c_runs = {0: [], 5: []}
if os.path.exists(os.path.join(out, "c.txt")):
    with open(os.path.join(out, "c.txt")) as f:
        for line in f:
            m = re.search(r"loss=(\d+)%.*MiB/s=([\d.]+)", line)
            if m:
                c_runs[int(m.group(1))].append(float(m.group(2)))
KCP_MIB = 256  # KcpBulkBenchmark.MIB: one single-shot operation delivers this many MiB on a fresh, warmed pair


def kcp_mibs(method, loss):
    """MiB/s of each measured single shot (score unit: s/op)."""
    r = find(kcp, method, lossPercent=loss)
    if r is None:
        return []
    return [KCP_MIB / x for run in r["primaryMetric"]["rawData"] for x in run if x > 0]


def spread(values):
    return f"{fmt(min(values), 0)}–{fmt(max(values), 0)}" if values else "n/a"


print("## KCP engine: bulk transfer, two engines in memory (MiB/s delivered; MTU 1400, wnd 1024, nodelay 1,10,2,1)\n")
print("Each side runs the same trajectory: a fresh pair, 25.6 MiB untimed warm-up, then 256 MiB timed, same seed "
      "(the IKCP profile and C ikcp exchange the very same packets). Medians of the single shots, range in brackets.\n")
print(f"| loss | KcpLab IKCP | KcpLab KCP_GO | C ikcp -O2 (median of {max(len(c_runs[0]), 1)}) "
      "| java-Kcp (kcp-base 1.6) | IKCP / C | IKCP / java-Kcp | KCP_GO / java-Kcp |")
print("|---|---|---|---|---|---|---|---|")
for loss in (0, 5):
    ikcp_runs = kcp_mibs("kcplabIkcp", loss)
    go_runs = kcp_mibs("kcplabKcpGo", loss)
    base_runs = kcp_mibs("kcpBase", loss)
    ours = statistics.median(ikcp_runs) if ikcp_runs else None
    ours_go = statistics.median(go_runs) if go_runs else None
    base = statistics.median(base_runs) if base_runs else None
    c = statistics.median(c_runs[loss]) if c_runs[loss] else None
    print(f"| {loss}% | {fmt(ours, 0)} ({spread(ikcp_runs)}) | {fmt(ours_go, 0)} ({spread(go_runs)}) "
          f"| {fmt(c, 0)} ({spread(c_runs[loss])}) | {fmt(base, 0)} ({spread(base_runs)}) | {ratio(ours, c)} "
          f"| {ratio(ours, base)} | {ratio(ours_go, base)} |")
print()

# --- Reed-Solomon ---------------------------------------------------------------------------------------------------
print("## Reed-Solomon 10+3 x 1400 B (MB/s of data)\n")
print("| JDK | operation | Backblaze (reference) | KcpLab scalar | KcpLab vector | scalar / Backblaze "
      "| vector / Backblaze | vector / klauspost (Go, kcp-go's codec) |")
print("|---|---|---|---|---|---|---|---|")
for label, name in (("17", "rs17"), ("25", "rs25")):
    rs = load(name)
    if not rs:
        continue
    for op, go_key in (("encode", "rs/encode"), ("decodeThreeDataLost", "rs/decode3")):
        ref = score(rs, op, codec="reference")
        sc = score(rs, op, codec="scalar")
        vec = score(rs, op, codec="vector")
        print(f"| {label} | {op} | {fmt(ref)} | {fmt(sc)} | {fmt(vec)} | {ratio(sc, ref)} | {ratio(vec, ref)} "
              f"| {ratio(vec, go.get(go_key))} ({fmt(go.get(go_key))}) |")
print()

# --- Checksums ------------------------------------------------------------------------------------------------------
cs = load("checksum")
print("## Checksums (MB/s)\n")
print("| size | CRC32 (JDK) | Go crc32 (kcp-go) | CRC32 / Go | HighwayHash-64 (KcpLab) | minio HighwayHash-64 (Go) "
      "| KcpLab / minio | XXH3 (zero-allocation-hashing) |")
print("|---|---|---|---|---|---|---|---|")
for size in (1400, 64):
    crc = score(cs, "crc32", size=size)
    hh = score(cs, "highwayHash64", size=size)
    xx = score(cs, "xxh3", size=size)
    crc, hh, xx = [None if v is None else v * size for v in (crc, hh, xx)]
    gcrc = go.get(f"crc32/{size}")
    ghh = go.get(f"highwayhash64/{size}")
    print(f"| {size} B | {fmt(crc)} | {fmt(gcrc)} | {ratio(crc, gcrc)} | {fmt(hh)} | {fmt(ghh)} | {ratio(hh, ghh)} "
          f"| {fmt(xx)} |")
print()

# --- Ciphers --------------------------------------------------------------------------------------------------------
ci = load("cipher")
print("## Ciphers, kcp-go's measure (encrypt + decrypt of 1500 B, counting 3000 B; MB/s)\n")
print("One packet at a time (kcpGoStyle), and the pipeline's way for AES (kcpGoStyleLockstep): the N packets of one "
      "KCP flush encrypted by one encryptBatch (lock-step from 16 packets on, below that packet by packet), then "
      "each decrypted in bulk; still 3000 B counted per packet.\n")
LOCKSTEP = (8, 32)
print("| cipher | KcpLab (JDK 17) | kcp-go 5.6.1 (Go) | KcpLab / kcp-go | "
      + " | ".join(f"batch {n} + bulk decrypt | batch {n} / kcp-go" for n in LOCKSTEP) + " |")
print("|---|---|---|---|" + "---|---|" * len(LOCKSTEP))
for name in ("aes-128", "aes", "aes-192", "salsa20", "blowfish", "twofish", "cast5", "3des", "tea", "xtea", "sm4",
             "xor", "none"):
    ours = score(ci, "kcpGoStyle", cipher=name)
    ours = None if ours is None else ours * 3000
    peer = go.get("cipher/" + name)
    cells = []
    for n in LOCKSTEP:
        ls = score(ci, "kcpGoStyleLockstep", cipher=name, batch=n)
        ls = None if ls is None else ls * 3000
        cells.append(f"{fmt(ls)} | {ratio(ls, peer)}")
    print(f"| {name} | {fmt(ours)} | {fmt(peer)} | {ratio(ours, peer)} | " + " | ".join(cells) + " |")
for batch in (8, 32):
    b = score(ci, "aes128EncryptBatch", batch=batch)
    if b is not None:
        print(f"\nAES-128 encryption of {batch} packets by one encryptBatch (lock-step from 16 on): {fmt(b * 1400)} MB/s.")
print()

# --- Packet pipeline ------------------------------------------------------------------------------------------------
pc = load("codec")
print("## PacketCodec: encode + decode of 1400-byte datagrams, aes-128, FEC 10/3 (MB/s)\n")
print("| checksum profile | no loss | 1 in 7 lost (FEC rebuilds) |")
print("|---|---|---|")
for prof in ("KCP_GO", "HIGHWAY"):
    a = score(pc, "encodeDecode", profile=prof, lossEvery=0)
    b = score(pc, "encodeDecode", profile=prof, lossEvery=7)
    print(f"| {prof} | {fmt(None if a is None else a * 1400)} | {fmt(None if b is None else b * 1400)} |")
print()
if any(r["benchmark"].endswith(".flushEncodeDecode") for r in pc):
    print("### Datagrams of one KCP flush: sent one by one (encode) or as one batch of 16 (encodeDeferred + flush), "
          "aes-128 (MB/s)\n")
    print("| checksum profile | FEC | loss | 1 per flush | 16 per flush | 16 / 1 |")
    print("|---|---|---|---|---|---|")
    for prof in ("KCP_GO", "HIGHWAY"):
        for fec in ("10+3", "off"):
            for loss in (0, 7):
                one = score(pc, "flushEncodeDecode", profile=prof, fec=fec, lossEvery=loss, flushBatch=1)
                many = score(pc, "flushEncodeDecode", profile=prof, fec=fec, lossEvery=loss, flushBatch=16)
                if one is None and many is None:
                    continue
                print(f"| {prof} | {fec} | {'1 in 7' if loss else 'none'} | {fmt(None if one is None else one * 1400)} "
                      f"| {fmt(None if many is None else many * 1400)} | {ratio(many, one)} |")
    print()

# --- Simulator ------------------------------------------------------------------------------------------------------
sim = load("sim")
print("## Simulator speed: the whole stack simulated, as a ratio to real time (one core)\n")
print("| workload | settings | simulated s per wall s | events/s | allocation MB/s |")
print("|---|---|---|---|---|")
for r in sim:
    p = r.get("params", {})
    sec = r.get("secondaryMetrics", {})
    events = sec.get("events", {}).get("score")
    alloc = next((v["score"] for k, v in sec.items() if k.endswith("gc.alloc.rate")), None)
    print(f"| {p.get('workload', '?')} | {p.get('settings', p.get('config', '?'))} | {fmt(r['primaryMetric']['score'], 1)}x "
          f"| {fmt(events)} | {fmt(alloc, 1)} |")
print()

# --- Allocation -----------------------------------------------------------------------------------------------------
print("## Steady-state allocation (JMH -prof gc, bytes per operation; KcpAllocationBenchmark: one op = 1 MiB delivered)\n")
print("| benchmark | params | B/op |")
print("|---|---|---|")
for name in ("gc-kcp", "gc-rs", "gc-codec"):
    for r in load(name):
        sec = r.get("secondaryMetrics", {})
        norm = next((v for k, v in sec.items() if k.endswith("gc.alloc.rate.norm")), None)
        params = ", ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
        print(f"| {r['benchmark'].rsplit('.', 2)[-2]}.{r['benchmark'].rsplit('.', 1)[-1]} | {params} "
              f"| {fmt(None if norm is None else norm['score'], 2)} |")
print()
