"""Benchmark the post-session analysis against the time FFmpeg alone needs to decode the same file.

    .venv/bin/python bench/analysis.py [--minutes 1,5,10] [--repeat 1]

For each length, a 720p30 WebM (VP8 + Opus: the face photo swaying a little, espeak-ng speech with pauses)
is cached under /tmp/tape-bench: one minute is encoded with PyAV (libvpx realtime, ~1.5 Mbit/s, a keyframe
every 128 frames), and longer files are that minute's packets remuxed end to end (a stream copy: the same
codecs, bitrate and keyframe spacing, made in a second instead of ~1.5 minutes of encoding per minute on
this machine). Then, each in a fresh process:

* **floor** — FFmpeg (PyAV's bundled libavcodec, frame threads as FFmpeg picks) decodes every audio and
  video packet of the file, converting nothing;
* **analysis** — ``interviews.analysis.pipeline.run`` on the file, exactly as the worker runs it (decode in
  the limited child, audio, video, text, score, feedback, drills; no transcript, so the rate comes from
  syllable nuclei; no remote transcription).

Printed: wall time and CPU time of both, the analysis speed as × real time, the analysis/floor ratio,
the decoding child's peak RSS and the analysing process's own peak RSS, and the load average before and
after (the machine may be shared: CPU seconds are the steadier figure). Targets (issue #5): ≥ 20× real
time, within 1.5× of the floor, peak memory < 1 GB and flat in length.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "tape-bench"  # generated media, reused across runs

FLOOR = """
import json, resource, sys, time, av
t0, c0 = time.perf_counter(), time.process_time()
with av.open(sys.argv[1]) as c:
    streams = list(c.streams.video[:1]) + list(c.streams.audio[:1])
    for s in streams:
        s.thread_type = "AUTO"
    n = 0
    for packet in c.demux(*streams):
        for frame in packet.decode():
            n += 1
print(json.dumps({"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0, "frames": n,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ANALYSIS = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
import parselmouth  # a worker process loads it once, for every analysis after; the floor's av import is untimed too
from interviews.analysis import pipeline
from interviews.analysis.decode import Segment
t0, c0 = time.perf_counter(), time.process_time()
steps = {}
last = [time.perf_counter(), None]
def on_step(step, progress):
    now = time.perf_counter()
    if last[1]:
        steps[last[1]] = round(now - last[0], 2)
    last[:] = [now, step]
result = pipeline.run(pipeline.Job(segments=[Segment(sys.argv[1])], turns=[]), on_step)
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
m = result.metrics
print(json.dumps({"wall_s": time.perf_counter() - t0,
                  "cpu_s": time.process_time() - c0 + ch.ru_utime + ch.ru_stime,
                  "steps": steps, "duration_s": m["duration_s"],
                  "child_peak_rss_mb": m["media"]["decoder_peak_rss_mb"],
                  "self_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "face_detections": m["media"].get("face_detections"), "samples": len(m["video_timeline"]) * 5,
                  "wpm": m["wpm"], "face_present_pct": m["face_present_pct"], "pauses": len(m["pauses"])}))
"""


def make_recording(minutes: float) -> Path:
    path = CACHE / f"bench-{minutes:g}min.webm"
    if path.exists():
        return path
    if minutes > 1 and minutes == int(minutes):
        return repeat_recording(make_recording(1), int(minutes), path)
    sys.path.insert(0, str(ROOT))
    import numpy as np  # noqa: PLC0415

    from interviews.tests.audio import CALIBRATION_TEXTS, HELD_OUT_TEXTS, AudioFactory  # noqa: PLC0415
    from interviews.tests.media import Placement, make_video, swaying  # noqa: PLC0415

    def schedule(t: float) -> Placement:  # the head a third of the frame wide, swaying a little
        p = swaying(t)
        return Placement(cx=p.cx, cy=p.cy, width=0.34)

    voices = AudioFactory(CACHE / "audio")
    parts = []
    for text in CALIBRATION_TEXTS + HELD_OUT_TEXTS:
        parts.append(np.frombuffer(voices.speech(text, 150).pcm, dtype="<i2"))
        parts.append(np.zeros(24_000, dtype=np.int16))  # 1.5 s between answers
    one = np.concatenate(parts)
    need = int(minutes * 60 * 16_000)
    audio = np.tile(one, need // len(one) + 1)[:need]
    print(f"generating {path} (once; ~{minutes * 1.4:.0f} min on this machine) …", flush=True)
    tmp = path.with_suffix(".part.webm")
    make_video(tmp, seconds=minutes * 60, schedule=schedule, size=(1280, 720), fps=30, audio=audio, bitrate=1_500_000)
    tmp.rename(path)
    return path


def repeat_recording(source: Path, times: int, path: Path) -> Path:
    """``source``'s packets ``times`` times in a row (stream copy), each copy shifted by the container's
    duration — the end of its longest stream, so neither stream's timestamps go backwards."""
    import av  # noqa: PLC0415

    tmp = path.with_suffix(".part.webm")
    with av.open(str(source)) as template, av.open(str(tmp), "w", format="webm") as out:
        period_s = template.duration / 1_000_000
        streams = {s.index: out.add_stream_from_template(s) for s in template.streams if s.type in {"audio", "video"}}
        for copy in range(times):
            with av.open(str(source)) as src:  # opened afresh each time: a seek could skip the first packets
                for packet in src.demux(*(src.streams[i] for i in streams)):
                    if packet.dts is None:
                        continue
                    shift = round(copy * period_s / packet.time_base)
                    packet.pts += shift
                    packet.dts += shift
                    packet.stream = streams[packet.stream.index]
                    out.mux(packet)
    tmp.rename(path)
    return path


def measure(script: str, *args: str) -> dict:
    # The environment as given (no OMP_NUM_THREADS=1 here): the worker runs with whatever BLAS threading
    # numpy picks, so the benchmark does too.
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", default="1,5,10")
    parser.add_argument("--repeat", type=int, default=1, help="runs per length; the fastest wall time is kept")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()}")
    rows = []
    for minutes in [float(m) for m in args.minutes.split(",")]:
        path = make_recording(minutes)
        load_before = os.getloadavg()[0]
        floors, runs = [], []
        for _ in range(args.repeat):  # alternated, so both see the same spells of load from others
            floors.append(measure(FLOOR, str(path)))
            runs.append(measure(ANALYSIS, str(path), str(ROOT)))
        floor = min(floors, key=lambda r: r["wall_s"])
        run = min(runs, key=lambda r: r["wall_s"])
        row = {
            "minutes": minutes,
            "size_mb": round(path.stat().st_size / 2**20, 1),
            "analysis_wall_s": round(run["wall_s"], 2),
            "analysis_cpu_s": round(run["cpu_s"], 2),
            "x_real_time": round(run["duration_s"] / run["wall_s"], 1),
            "x_real_time_cpu": round(run["duration_s"] / run["cpu_s"], 1),
            "floor_wall_s": round(floor["wall_s"], 2),
            "floor_cpu_s": round(floor["cpu_s"], 2),
            "vs_floor_wall": round(run["wall_s"] / floor["wall_s"], 2),
            "vs_floor_cpu": round(run["cpu_s"] / floor["cpu_s"], 2),
            "child_peak_rss_mb": run["child_peak_rss_mb"],
            "analysis_peak_rss_mb": round(run["self_peak_rss_mb"], 1),
            "floor_peak_rss_mb": round(floor["peak_rss_mb"], 1),
            "steps_s": run["steps"],
            "load_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    print()
    print(
        "| min | analysis wall (CPU) s | × real time wall (CPU) | floor wall (CPU) s | ÷ floor wall (CPU) "
        "| child peak RSS MB | analysis RSS MB | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['minutes']:g} | {r['analysis_wall_s']} ({r['analysis_cpu_s']}) | {r['x_real_time']} "
            f"({r['x_real_time_cpu']}) | {r['floor_wall_s']} ({r['floor_cpu_s']}) | {r['vs_floor_wall']} "
            f"({r['vs_floor_cpu']}) | {r['child_peak_rss_mb']} | {r['analysis_peak_rss_mb']} "
            f"| {r['load_before_after'][0]}→{r['load_before_after'][1]} |"
        )


if __name__ == "__main__":
    main()
