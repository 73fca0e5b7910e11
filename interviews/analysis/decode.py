"""Decoding recordings with PyAV (wheel-bundled FFmpeg), always in a child process with limits.

Pure module (no Django). ``DecodeChild`` (and ``decode_isolated``) runs this file as a script
(``python -I decode.py``) with ``RLIMIT_AS`` and ``RLIMIT_CPU`` set and a wall-clock timeout, so a decoder
crash, hang or memory blow-up costs a child and becomes a ``DecodeFailed`` with a reason — never a dead
Celery worker. The pipeline uses ``DecodeSplit``: one such child loads PyAV, then forks; one half decodes
the audio and answers early on a pipe of its own, the other the video (each half under the same limits).

What a child does, in one pass over each segment's packets (never the whole file in memory):

1. **Probe first**: the container must be WebM/Matroska, MP4/MOV, Ogg or WAV (whatever the file is named);
   a video stream's size must be within ``Limits.max_width × max_height`` (a header claiming more fails
   here, before any frame is decoded); the declared duration within ``max_duration_s``. Decoded timestamps
   are checked as well (MediaRecorder's WebM declares no duration).
2. **Audio** → 16 kHz mono PCM16, resampled by FFmpeg about a second at a time (the decoded 20 ms Opus
   frames are gathered first: one resampler call per frame cost more than the resampling) and appended to
   ``audio.wav``, placed on the session timeline (each segment starts at its ``offset_s``; gaps are silence).
   The audio child imports neither numpy nor OpenCV.
3. **Video** → every frame is decoded (inter frames need their references), with FFmpeg's own choice of
   frame threads (as ``ffmpeg`` and the benchmark's floor use), but only ~``sample_fps`` frames a second are
   looked at: the frame goes to a face thread (OpenCV and libavcodec both release the GIL, so the decoder
   is fed meanwhile), which hands its luma plane (a view, no conversion) to
   ``interviews.analysis.video.FaceTracker``; then it is dropped. The VP8/H.264 loop filter is skipped
   (``skip_loop_filter``): it is a good part of the decode and changes nothing a face detector sees at
   160 px. Video smaller than ``min_video_side`` is ignored.

The result (JSON on stdout): streams found, duration, decode time, per-frame observations, the child's
peak RSS, and warnings (e.g. a truncated file decoded up to where it breaks).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import re
import resource
import select
import signal
import subprocess
import sys
import threading
import time
import wave
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

SAMPLE_RATE = 16_000
Streams = Literal["audio", "video", "both"]
MAX_BAD_PACKETS = 50
ALLOWED_FORMATS = {"matroska,webm", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", "wav"}
RESAMPLE_BATCH_S = 1.0  # decoded audio gathered before one resampler call
FACE_QUEUE = 8  # sampled frames waiting for the face thread (each holds its decoder buffer)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 1024 * 1024 * 1024
    max_duration_s: float = 2 * 3600
    max_width: int = 3840
    max_height: int = 2160
    min_video_side: int = 32
    sample_fps: float = 5.0
    frame_width: int = 320
    cpu_s: int = 900
    memory_bytes: int = 1536 * 1024 * 1024
    wall_s: float = 600.0
    decode_threads: int = 0  # 0: FFmpeg picks (cores + 1 frame threads), as the ``ffmpeg`` tool does


@dataclass(frozen=True)
class Segment:
    path: str
    offset_s: float = 0.0


@dataclass
class Decoded:
    duration_s: float
    has_audio: bool
    has_video: bool
    audio_path: str | None
    observations: list[list] = field(default_factory=list)  # video.Observation rows
    width: int | None = None
    height: int | None = None
    audio_codec: str = ""
    video_codec: str = ""
    sampled_fps: float = 0.0
    decode_s: float = 0.0
    peak_rss_mb: float = 0.0
    face_detections: int = 0  # full detections; the other samples reused one (nothing moved)
    warnings: list[str] = field(default_factory=list)


class DecodeFailed(Exception):
    """The recording cannot be analysed; ``reason`` is shown to the candidate and staff."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# ------------------------------------------------------------------------------------------------
# Parent side
# ------------------------------------------------------------------------------------------------
def decode_isolated(
    segments: list[Segment], out_dir: Path, limits: Limits = Limits(), streams: Streams = "both"
) -> Decoded:
    """Decode ``segments`` in a limited child; raises ``DecodeFailed`` with the reason on any failure."""
    return DecodeChild(segments, out_dir, limits, streams).result()


class DecodeChild:
    """A decoding child started now; ``result()`` waits for it (within ``limits.wall_s`` of the start).
    ``streams`` picks what it decodes ("audio", "video" or "both"); the pipeline uses ``DecodeSplit``."""

    def __init__(
        self,
        segments: list[Segment],
        out_dir: Path,
        limits: Limits = Limits(),
        streams: Streams | Literal["split"] = "both",
        *,
        pass_fd: int | None = None,
    ):
        _check_sizes(segments, limits)
        self.limits = limits
        self.started = time.monotonic()
        request = {
            "segments": [asdict(s) for s in segments],
            "out_dir": str(out_dir),
            "limits": asdict(limits),
            "streams": streams,
            "audio_fd": pass_fd,
        }
        env = {"PATH": os.environ.get("PATH", ""), "MALLOC_ARENA_MAX": "2", "OMP_NUM_THREADS": "1"}
        self._process = subprocess.Popen(
            [sys.executable, "-I", str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # never read: a full pipe must not stall the decoder
            env=env,
            pass_fds=(pass_fd,) if pass_fd is not None else (),
            start_new_session=True,  # a process group: ``cancel`` stops a forked half as well
        )
        # The request is small (far below a pipe's buffer): written now, so the child starts at once.
        try:
            self._process.stdin.write(json.dumps(request).encode())
            self._process.stdin.close()
        except BrokenPipeError:  # it died straight away: ``result`` says so
            pass
        self._process.stdin = None

    def result(self) -> Decoded:
        try:
            stdout, _ = self._process.communicate(timeout=self._remaining())
        except subprocess.TimeoutExpired:
            self.cancel()
            raise DecodeFailed(self._too_slow()) from None
        return _parse(stdout, _crash_reason(self._process.returncode))

    def cancel(self) -> None:
        # Only while the leader is unreaped: its pid (= the group's id) cannot have been reused by then.
        if self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)
        self._process.communicate()

    def _remaining(self) -> float:
        return max(0.0, self.limits.wall_s - (time.monotonic() - self.started))

    def _too_slow(self) -> str:
        return f"decoding took longer than {self.limits.wall_s:.0f} s, so it was stopped"


class DecodeSplit(DecodeChild):
    """One limited child decoding the audio and the video side by side: it starts Python and loads PyAV once,
    then forks — the fork decodes the audio and answers on a pipe of its own (``audio()``), the first process
    decodes the video (``result()``). The pipeline analyses the audio while the video is still decoding, and
    pays one interpreter start and one PyAV import (~0.25 s of CPU) instead of two."""

    def __init__(self, segments: list[Segment], out_dir: Path, limits: Limits = Limits()):
        read_fd, write_fd = os.pipe()
        try:
            super().__init__(segments, out_dir, limits, "split", pass_fd=write_fd)
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        self._audio_fd: int | None = read_fd

    def audio(self) -> Decoded:
        """The audio half's result, as soon as it has one (the video half goes on)."""
        fd, parts = self._audio_fd, []
        if fd is None:
            raise RuntimeError("audio() was already called")
        self._audio_fd = None
        try:
            while True:
                ready, _, _ = select.select([fd], [], [], self._remaining())
                if not ready:
                    self.cancel()
                    raise DecodeFailed(self._too_slow())
                data = os.read(fd, 1 << 16)
                if not data:
                    break
                parts.append(data)
        finally:
            os.close(fd)
        return _parse(b"".join(parts), "the decoder crashed or ran out of memory on this file's audio")

    def cancel(self) -> None:
        super().cancel()
        if self._audio_fd is not None:
            os.close(self._audio_fd)
            self._audio_fd = None


def _parse(raw: bytes, crashed: str) -> Decoded:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise DecodeFailed(crashed)
    if "error" in payload:
        raise DecodeFailed(str(payload["error"]))
    return Decoded(**payload["result"])


def _check_sizes(segments: list[Segment], limits: Limits) -> None:
    total = 0
    for segment in segments:
        try:
            total += os.path.getsize(segment.path)
        except OSError:
            raise DecodeFailed(f"a recording file is missing ({Path(segment.path).name})") from None
    if not segments or total == 0:
        raise DecodeFailed("the recording is empty")
    if total > limits.max_bytes:
        raise DecodeFailed(f"the recording is {total // 2**20} MB; the limit is {limits.max_bytes // 2**20} MB")


def merge(audio: Decoded, video: Decoded) -> Decoded:
    """One result from an "audio" child and a "video" child of the same segments."""
    if not audio.has_audio and not video.has_video:
        raise DecodeFailed("the recording has no audio or video we can decode")
    return Decoded(
        duration_s=max(audio.duration_s, video.duration_s),
        has_audio=audio.has_audio,
        has_video=video.has_video,
        audio_path=audio.audio_path,
        observations=video.observations,
        width=video.width,
        height=video.height,
        audio_codec=audio.audio_codec,
        video_codec=video.video_codec,
        sampled_fps=video.sampled_fps,
        decode_s=max(audio.decode_s, video.decode_s),
        peak_rss_mb=max(audio.peak_rss_mb, video.peak_rss_mb),
        face_detections=video.face_detections,
        warnings=list(dict.fromkeys(audio.warnings + video.warnings)),
    )


def _crash_reason(returncode: int) -> str:
    if returncode in (-9, -24, 137):  # SIGKILL / SIGXCPU
        return "the decoder ran out of CPU time or was killed"
    if returncode < 0:
        return f"the decoder crashed (signal {-returncode})"
    return "the decoder ran out of memory or crashed on this file"


# ------------------------------------------------------------------------------------------------
# Child side
# ------------------------------------------------------------------------------------------------
def decode(segments: list[Segment], out_dir: Path, limits: Limits, streams: Streams = "both") -> Decoded:
    import av  # noqa: PLC0415 — loaded in the child only

    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    audio_path = out_dir / "audio.wav"
    writer = _TimelineWav(audio_path) if streams != "video" else None
    result = Decoded(duration_s=0.0, has_audio=False, has_video=False, audio_path=None, sampled_fps=limits.sample_fps)
    faces = _FaceThread(result.observations, limits.frame_width) if streams != "audio" else None
    try:
        decoder = _SegmentDecoder(av, limits, writer, faces, result, streams=streams)
        for segment in segments:
            decoder.run(segment)
    finally:
        if writer is not None:
            writer.close()
        if faces is not None:
            faces.close()
    if faces is not None and faces.error is not None:
        raise faces.error
    if streams == "both" and not result.has_audio and not result.has_video:
        raise DecodeFailed("the recording has no audio or video we can decode")
    result.audio_path = str(audio_path) if result.has_audio else None
    result.duration_s = round(max(result.duration_s, writer.seconds if writer is not None else 0.0), 3)
    result.decode_s = round(time.perf_counter() - started, 3)
    result.face_detections = faces.detections if faces is not None else 0
    result.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


class _SegmentDecoder:
    """One segment: probe, check the limits, then one demux pass feeding the WAV and the face thread."""

    def __init__(self, av, limits: Limits, writer: _TimelineWav, faces, result: Decoded, *, streams: Streams):
        self.av, self.limits, self.writer, self.faces, self.result = av, limits, writer, faces, result
        self.streams = streams

    def run(self, segment: Segment) -> None:
        name = Path(segment.path).name
        if os.path.getsize(segment.path) == 0:
            self.result.warnings.append(f"{name}: empty, skipped")
            return
        try:
            container = self.av.open(segment.path)
        except self.av.FFmpegError as error:
            raise DecodeFailed(f"{name} is not a recording we can read ({_short(error)})") from None
        with container:
            audio, video = self._probe(name, container)
            if audio is None and video is None:
                wanted = "audio or video" if self.streams == "both" else self.streams
                self.result.warnings.append(f"{name}: no {wanted} stream")
                return
            end = self._demux(name, segment, container, audio, video)
        self.result.duration_s = max(self.result.duration_s, segment.offset_s + end)

    def _probe(self, name: str, container):
        limits = self.limits
        if container.format.name not in ALLOWED_FORMATS:
            raise DecodeFailed(f"{name} is a {container.format.name} file; recordings must be WebM, MP4, Ogg or WAV")
        if container.duration and container.duration / 1_000_000 > limits.max_duration_s:
            raise DecodeFailed(_too_long(container.duration / 1_000_000, limits))
        audio = next(iter(container.streams.audio), None) if self.streams != "video" else None
        video = next(iter(container.streams.video), None) if self.streams != "audio" else None
        if video is not None:
            width, height = video.codec_context.width, video.codec_context.height
            if width > limits.max_width or height > limits.max_height:
                raise DecodeFailed(
                    f"the video is {width}×{height}; the limit is {limits.max_width}×{limits.max_height}"
                )
            if min(width, height) < limits.min_video_side:
                self.result.warnings.append(f"{name}: video {width}×{height} is too small to analyse; ignored")
                video = None
        if video is not None:
            ctx = video.codec_context
            ctx.thread_type = "AUTO"
            ctx.thread_count = limits.decode_threads
            if ctx.name in {"vp8", "h264"}:
                ctx.options = {**ctx.options, "skip_loop_filter": "all"}
            self.result.video_codec = ctx.name
            self.result.width, self.result.height = ctx.width, ctx.height
        if audio is not None:
            self.result.audio_codec = audio.codec_context.name
        return audio, video

    def _demux(self, name: str, segment: Segment, container, audio, video) -> float:
        av, limits, result = self.av, self.limits, self.result
        resampler = _BatchResampler(av, self.writer) if audio is not None else None
        if resampler is not None:
            self.writer.seek(segment.offset_s)
        self._next_sample = 0.0
        end = 0.0
        errors = 0
        try:
            for packet in container.demux(*(s for s in (audio, video) if s is not None)):
                try:
                    frames = packet.decode()
                except av.FFmpegError as error:
                    errors += 1
                    if errors > MAX_BAD_PACKETS:
                        raise DecodeFailed(f"{name} is damaged ({_short(error)})") from None
                    continue
                for frame in frames:
                    t = float(frame.time) if frame.time is not None else end
                    if t > limits.max_duration_s:
                        raise DecodeFailed(_too_long(t, limits))
                    if packet.stream is audio:
                        resampler.add(frame)
                        result.has_audio = True
                        end = max(end, t + frame.samples / (frame.sample_rate or SAMPLE_RATE))
                    else:
                        result.has_video = True
                        end = max(end, t)
                        self._video_frame(segment.offset_s, t, frame)
        except av.FFmpegError as error:  # a truncated file: keep what was decoded
            result.warnings.append(f"{name}: decoding stopped early ({_short(error)})")
        if resampler is not None:
            resampler.finish()
        if errors:
            result.warnings.append(f"{name}: {errors} damaged packets skipped")
        return end

    def _video_frame(self, offset_s: float, t: float, frame) -> None:
        limits = self.limits
        if frame.width > limits.max_width or frame.height > limits.max_height:
            raise DecodeFailed(f"a video frame is {frame.width}×{frame.height}; too large")
        step = 1 / limits.sample_fps
        if t + 1e-6 < self._next_sample:
            return  # decoded (later frames refer to it) but not converted or analysed
        self._next_sample = max(self._next_sample + step, t + step / 2)
        self.faces.put(offset_s + t, frame)


class _FaceThread:
    """Looks at the sampled frames on a thread of its own, in order, while the main thread goes on feeding
    the decoder. A queued frame keeps its decoder buffer alive (the luma plane is read in place); at most
    ``FACE_QUEUE`` wait, so a slow detector holds the decoder back instead of piling up frames."""

    def __init__(self, observations: list[list], frame_width: int):
        from interviews.analysis.video import FaceTracker  # noqa: PLC0415 — numpy and OpenCV: video child only

        self._tracker = FaceTracker()
        self._observations = observations
        self._frame_width = frame_width
        self._queue: queue.Queue = queue.Queue(maxsize=FACE_QUEUE)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="faces", daemon=True)
        self._thread.start()

    @property
    def detections(self) -> int:
        return self._tracker.detections

    @property
    def error(self) -> BaseException | None:
        """What the thread failed with (the rest of the frames were dropped)."""
        return self._error

    def put(self, t: float, frame) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((t, frame))

    def close(self) -> None:
        """Wait for the frames already queued (``error`` says whether they were looked at)."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue  # keep draining, so ``put`` never blocks on a dead thread
            t, frame = item
            try:
                gray = _luma(frame, self._frame_width)
                self._observations.append(self._tracker.observe(t, gray).as_row())
            except BaseException as error:  # handed to the main thread, which raises it
                self._error = error


def _luma(frame, max_width: int):
    """The frame's brightness: the Y plane of YUV frames as a view of the decoder's buffer (no copy, no
    colour conversion; the tracker downscales it itself), other pixel formats through FFmpeg's scaler at
    ``max_width``."""
    import numpy as np  # noqa: PLC0415

    if frame.format.name in {"yuv420p", "yuvj420p", "yuv422p", "yuv444p", "nv12"}:
        plane = frame.planes[0]
        rows = np.frombuffer(plane, dtype=np.uint8).reshape(frame.height, plane.line_size)
        return rows[:, : frame.width]
    width = max(2, min(max_width, frame.width) // 2 * 2)
    height = max(2, round(frame.height * width / frame.width) // 2 * 2)
    return frame.to_ndarray(width=width, height=height, format="gray", interpolation="FAST_BILINEAR")


def _too_long(seconds: float, limits: Limits) -> str:
    return f"the recording is longer than {limits.max_duration_s / 60:.0f} minutes ({seconds / 60:.0f}+ min)"


def _short(error: Exception) -> str:
    """FFmpeg's message without the errno prefix or the file path ("Invalid data found when processing input")."""
    message = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return re.sub(r"^\[Errno -?\d+\]\s*", "", str(message)).split(":")[0][:120]


class _BatchResampler:
    """Decoded audio frames → 16 kHz mono PCM16 on the WAV, through FFmpeg's resampler about
    ``RESAMPLE_BATCH_S`` at a time: consecutive frames of one format are joined into one frame first (their
    planes' bytes, no numpy). The resampler is a stream, so the samples are those per-frame calls give."""

    def __init__(self, av, writer: _TimelineWav):
        self._av = av
        self._writer = writer
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        self._frames: list = []
        self._samples = 0

    def add(self, frame) -> None:
        if self._frames and _audio_kind(frame) != _audio_kind(self._frames[0]):
            self._flush()
        self._frames.append(frame)
        self._samples += frame.samples
        if self._samples >= RESAMPLE_BATCH_S * (frame.sample_rate or SAMPLE_RATE):
            self._flush()

    def finish(self) -> None:
        self._flush()
        self._write(self._resampler.resample(None))

    def _flush(self) -> None:
        frames, self._frames, self._samples = self._frames, [], 0
        if len(frames) > 1:
            # A layout FFmpeg cannot rebuild by name: the frames go one at a time.
            with contextlib.suppress(ValueError, self._av.FFmpegError):
                frames = [self._join(frames)]
        for frame in frames:
            self._write(self._resampler.resample(frame))

    def _join(self, frames: list):
        first = frames[0]
        fmt = first.format
        width = fmt.bytes * (1 if fmt.is_planar else first.layout.nb_channels)
        batch = self._av.AudioFrame(
            format=fmt.name, layout=first.layout, samples=sum(f.samples for f in frames), align=1
        )
        batch.sample_rate = first.sample_rate
        for index, plane in enumerate(batch.planes):
            plane.update(b"".join(memoryview(f.planes[index])[: f.samples * width] for f in frames))
        return batch

    def _write(self, chunks) -> None:
        for chunk in chunks:
            self._writer.write(memoryview(chunk.planes[0])[: chunk.samples * 2])


def _audio_kind(frame) -> tuple:
    return frame.format.name, frame.layout.name, frame.sample_rate


class _TimelineWav:
    """16 kHz mono PCM16 written in order; ``seek`` pads silence up to a segment's start."""

    def __init__(self, path: Path):
        self._wav = wave.open(str(path), "wb")  # noqa: SIM115 — closed by close()
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(SAMPLE_RATE)
        self.samples = 0

    @property
    def seconds(self) -> float:
        return self.samples / SAMPLE_RATE

    def seek(self, offset_s: float) -> None:
        gap = int(offset_s * SAMPLE_RATE) - self.samples
        while gap > 0:
            n = min(gap, SAMPLE_RATE * 10)
            self.write(bytes(2 * n))
            gap -= n

    def write(self, pcm: bytes | memoryview) -> None:
        self._wav.writeframesraw(pcm)
        self.samples += len(pcm) // 2

    def close(self) -> None:
        self._wav.close()


def _limit_self(limits: Limits) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):  # already lower: the wall timeout still holds
        pass


def _fault(error: Exception, limits: Limits) -> str:
    # Under RLIMIT_AS, running out shows as MemoryError or as a library that "failed to map segment".
    if isinstance(error, MemoryError) or (isinstance(error, OSError | ImportError) and "map" in str(error)):
        return f"the decoder ran out of memory (limit {limits.memory_bytes // 2**20} MB)"
    return f"the decoder failed on this file ({type(error).__name__}: {str(error)[:160]})"


def main() -> int:
    request = json.loads(sys.stdin.read())
    limits = Limits(**request["limits"])
    _limit_self(limits)
    segments = [Segment(**s) for s in request["segments"]]
    out_dir = Path(request["out_dir"])
    streams = request.get("streams", "both")
    if streams != "split":
        _answer(1, _decoded(segments, out_dir, limits, streams))
        return 0
    audio_fd = int(request["audio_fd"])
    try:
        import av  # noqa: F401, PLC0415 — loaded before the fork, so both halves have it
    except Exception as error:  # e.g. no memory to map it: both halves fail with the reason
        payload = {"error": _fault(error, limits)}
        _answer(audio_fd, payload)
        _answer(1, payload)
        return 0
    pid = os.fork()
    if pid == 0:  # the audio half: answers on its own pipe; stdout belongs to the video half
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            _answer(audio_fd, _decoded(segments, out_dir, limits, "audio"))
        finally:
            os._exit(0)
    os.close(audio_fd)
    payload = _decoded(segments, out_dir, limits, "video")
    os.waitpid(pid, 0)  # reaped here, so its CPU time counts as ours
    _answer(1, payload)
    return 0


def _decoded(segments: list[Segment], out_dir: Path, limits: Limits, streams: Streams) -> dict:
    try:
        decoded = decode(segments, out_dir, limits, streams)
    except DecodeFailed as error:
        return {"error": error.reason}
    except Exception as error:  # any other fault is this file's: reported as a reason
        return {"error": _fault(error, limits)}
    return {"result": asdict(decoded)}


def _answer(fd: int, payload: dict) -> None:
    data = memoryview(json.dumps(payload).encode())
    while data:
        data = data[os.write(fd, data) :]


if __name__ == "__main__":
    # Run as a script under ``python -I``: the project root is not on sys.path, so add it (our own code only).
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main())
