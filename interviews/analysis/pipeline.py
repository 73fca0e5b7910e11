"""The analysis as an ordered pipeline of steps: decode → audio → video → text → score → feedback → drills.

Pure (no Django): a ``Job`` carries plain data in (segment files placed on the timeline, turns, live-coach
events, callables for transcription and feedback), ``run`` returns the report's five JSON documents
(docs/scoring.md). Each step is a function testable alone; ``run`` calls ``on_step(step, progress)`` before
each one, and wraps any failure as ``StepFailed(step, reason)`` — except the ``transient`` exception types
(the AI gateway being unavailable, a database hiccup), which propagate so the task can retry.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from interviews.analysis import ANALYSIS_VERSION, audio, drills, feedback, scoring, text, video
from interviews.analysis.decode import DecodeChild, Decoded, DecodeFailed, DecodeSplit, Limits, Segment, merge

STEPS = ("decode", "audio", "video", "text", "score", "feedback", "drills")
PROGRESS = {  # written when each step starts
    "queued": 0,
    "decode": 5,
    "audio": 15,
    "video": 25,
    "text": 65,
    "score": 70,
    "feedback": 75,
    "drills": 95,
    "done": 100,
}
WPM_DISAGREEMENT = 1.35  # transcript vs syllable rate: beyond this ratio neither is reported
FILLER_BURST = (3, 20.0)  # fillers within seconds → a timeline marker


@dataclass(frozen=True)
class TurnInput:
    index: int
    question: str
    answer_text: str = ""
    answer_mode: str = ""  # "voice" | "typed" | ""
    kind: str = "main"
    asked_s: float | None = None
    start_s: float | None = None
    end_s: float | None = None  # None with a start: until the end of the recording

    @property
    def spoken_window(self) -> audio.Window | None:
        if self.answer_mode == "typed" or self.start_s is None or self.end_s is None or self.end_s <= self.start_s:
            return None
        return audio.Window(self.start_s, self.end_s)


@dataclass(frozen=True)
class EventInput:
    kind: str
    t_s: float
    payload: dict = field(default_factory=dict)


Transcribe = Callable[[Path, float, float], str]


@dataclass
class Job:
    segments: list[Segment]
    turns: list[TurnInput]
    events: list[EventInput] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    interview_type: str = "behavioral"
    transcribe: Transcribe | None = None
    ask: feedback.Ask = feedback.offline_ask
    templates: list[tuple[str, str]] = field(default_factory=list)
    coding_topics: list[str] = field(default_factory=list)
    transient: tuple[type[BaseException], ...] = ()
    work_dir: Path | None = None


@dataclass
class Result:
    metrics: dict
    scores: dict
    timeline: list
    feedback: list
    drills: list


class StepFailed(Exception):
    def __init__(self, step: str, reason: str):
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


Checkpoint = Callable[[dict, dict, list], None]


def run(
    job: Job,
    on_step: Callable[[str, int], None] = lambda step, progress: None,
    *,
    checkpoint: Checkpoint | None = None,
    resume: tuple[dict, dict, list] | None = None,
) -> Result:
    """Run every step in order. ``checkpoint(metrics, scores, timeline)`` is called once the measuring is
    done (before feedback, which may wait on the AI gateway); ``resume`` — those three from an earlier
    attempt of the same recording — skips straight to feedback (a retry does not decode again)."""
    with tempfile.TemporaryDirectory(prefix="tape-", dir=job.work_dir) as tmp:
        state: dict = {}

        def step(name: str, fn: Callable[[], object]):
            on_step(name, PROGRESS[name])
            try:
                state[name] = fn()
            except job.transient:
                raise
            except StepFailed:
                raise
            except DecodeFailed as error:
                raise StepFailed(name, error.reason) from error
            except Exception as error:
                raise StepFailed(name, describe(error)) from error
            return state[name]

        if resume is not None:
            metrics, scores, timeline = resume
        else:
            metrics, scores, timeline = _measure(job, Path(tmp), step)
            if checkpoint is not None:
                checkpoint(plain(metrics), plain(scores), plain(timeline))
        texts = {a["turn_index"]: a.get("text", "") for a in metrics["answers"]}
        items = step("feedback", lambda: feedback.build(metrics["answers"], texts, job.ask))
        drill_list = step("drills", lambda: step_drills(job, metrics, scores, items))
    on_step("done", PROGRESS["done"])
    return Result(plain(metrics), plain(scores), plain(timeline), plain(items), plain(drill_list))


def plain(value):
    """JSON-ready copy: numpy scalars → Python numbers, tuples → lists (the report is stored as JSON)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


def _measure(job: Job, tmp: Path, step) -> tuple[dict, dict, list]:
    heard, watching = step("decode", lambda: step_decode(job, tmp))
    try:
        if heard is not None:  # an open-ended spoken turn (analyze_media --transcript) ends with the recording
            job.turns = [
                replace(t, end_s=heard.duration_s) if t.end_s is None and t.start_s is not None else t
                for t in job.turns
            ]
        audio_metrics = step("audio", lambda: step_audio(job, heard))
        decoded, observations, video_metrics = step("video", lambda: step_video(heard, watching))
    finally:
        if watching is not None:
            watching.cancel()  # a no-op once it has finished
    metrics, _ = step("text", lambda: step_text(job, decoded, audio_metrics, observations, video_metrics))
    scores = step("score", lambda: scoring.score(metrics))
    return metrics, scores, build_timeline(job, metrics, scores)


def describe(error: BaseException) -> str:
    message = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


# ------------------------------------------------------------------------------------------------
# Steps
# ------------------------------------------------------------------------------------------------
def step_decode(job: Job, out_dir: Path) -> tuple[Decoded | None, DecodeChild | None]:
    """A limited child that decodes the audio and the video side by side (``DecodeSplit``): the audio half
    is waited for here, the video half is left running while the audio is analysed (``step_video`` waits
    for it). ``(None, None)`` for a session without any recording (typed answers only)."""
    if not job.segments:
        return None, None
    child = DecodeSplit(job.segments, out_dir, job.limits)
    try:
        heard = child.audio()
    except BaseException:
        child.cancel()
        raise
    return heard, child


def step_audio(job: Job, decoded: Decoded | None) -> audio.AudioMetrics | None:
    if decoded is None or not decoded.has_audio or not decoded.audio_path:
        return None
    windows = [w for t in job.turns if (w := t.spoken_window) is not None]
    return audio.analyze_audio(Path(decoded.audio_path), windows if job.turns else None)


def step_video(
    heard: Decoded | None, watching: DecodeChild | None
) -> tuple[Decoded | None, list[video.Observation], video.VideoMetrics | None]:
    """Wait for the video child, merge it with the audio child's result, summarise the observations. A
    failure of the video child is a decoding failure (reported as the ``decode`` step)."""
    if heard is None or watching is None:
        return None, [], None
    try:
        decoded = merge(heard, watching.result())
    except DecodeFailed as error:
        raise StepFailed("decode", error.reason) from error
    if not decoded.has_video or not decoded.observations:
        return decoded, [], None
    observations = [video.Observation.from_row(row) for row in decoded.observations]
    return decoded, observations, video.summarize(observations)


def step_text(
    job: Job,
    decoded: Decoded | None,
    am: audio.AudioMetrics | None,
    observations: list[video.Observation],
    vm: video.VideoMetrics | None,
) -> tuple[dict, dict[int, str]]:
    """Per-answer text analysis joined with the audio and video of its window → the ``metrics`` document
    and the text analysed per turn (live/typed transcript, or the server's when configured)."""
    answers, texts = [], {}
    transcription = {"source": "none", "engine": ""}
    spoken = [t for t in job.turns if t.spoken_window is not None]
    window_audio = dict(zip([t.index for t in spoken], am.windows if am and job.turns else [], strict=False))
    all_fillers, all_hedges = [], []
    words_total = spoken_words = 0
    spoken_speaking_s = 0.0
    for turn in job.turns:
        wa = window_audio.get(turn.index)
        body, source = _turn_text(job, turn, decoded, wa, transcription)
        texts[turn.index] = body
        at = text.analyze_answer(turn.question, body)
        words_total += at.words
        first, last = (wa.first_sound_s, wa.last_sound_s) if wa else (turn.start_s, turn.end_s)
        if turn.answer_mode == "typed":
            first = last = None

        all_fillers += [_hit(h, turn.index, len(body), first, last) for h in at.fillers]
        all_hedges += [_hit(h, turn.index, len(body), first, last) for h in at.hedges]
        wpm_t = wpm_s = None
        if wa is not None and wa.speaking_s >= 3:
            wpm_s = wa.syllable_wpm
            if at.words:
                wpm_t = at.words / (wa.speaking_s / 60)
                spoken_words += at.words
                spoken_speaking_s += wa.speaking_s
        wpm, wpm_source, confidence = choose_wpm(wpm_t, wpm_s)
        face_pct, eye_pct = (None, None)
        if vm is not None and turn.start_s is not None and turn.end_s is not None:
            face_pct, eye_pct = video.window_stats(observations, turn.start_s, turn.end_s)
        pauses = wa.pauses if wa else []
        answers.append(
            {
                "turn_index": turn.index,
                "kind": turn.kind,
                "question": turn.question,
                "start_s": turn.start_s,
                "end_s": turn.end_s,
                "answer_mode": turn.answer_mode,
                "text_source": source,
                "text": body,
                "words": at.words,
                "wpm": wpm,
                "wpm_source": wpm_source,
                "wpm_confidence": confidence,
                "pauses": len(pauses),
                "longest_pause_s": round(max((b - a for a, b in pauses), default=0), 2) if pauses else None,
                "fillers": len(at.fillers),
                "fillers_per_100_words": round(100 * len(at.fillers) / at.words, 2) if at.words else None,
                "hedges": len(at.hedges),
                "sentiment": at.sentiment,
                "relevance": at.relevance,
                "star": at.star,
                "eye_contact_pct": eye_pct,
                "face_present_pct": face_pct,
            }
        )
    wpm_transcript = round(spoken_words / (spoken_speaking_s / 60), 1) if spoken_speaking_s >= 3 else None
    wpm_syllables = am.wpm_syllables if am else None
    wpm, wpm_source, confidence = choose_wpm(wpm_transcript, wpm_syllables)
    speaking_s = am.speaking_s if am and am.has_speech else None
    minutes = speaking_s / 60 if speaking_s else None
    metrics = {
        "analysis_version": ANALYSIS_VERSION,
        "duration_s": round(decoded.duration_s, 2) if decoded else 0.0,
        "has_audio": bool(decoded and decoded.has_audio),
        "has_video": bool(decoded and decoded.has_video and vm is not None),
        "speaking_s": speaking_s,
        "words": words_total,
        "wpm": wpm,
        "wpm_source": wpm_source,
        "wpm_confidence": confidence,
        "wpm_transcript": wpm_transcript,
        "wpm_syllables": wpm_syllables,
        "articulation_rate": am.articulation_rate if am else None,
        "pauses": [{"start_s": a, "end_s": b} for a, b in (am.pauses if am else [])],
        "pause_stats": am.pause_stats() if am else {"count": 0, "mean_s": None, "longest_s": None, "long_count": 0},
        "pitch": am.pitch_dict() if am else audio.AudioMetrics.empty_pitch(),
        "energy": {"sd_db": am.energy_sd_db if am else None},
        "fillers": {
            "count": len(all_fillers),
            "per_minute": round(_spoken_count(all_fillers, job) / minutes, 2) if minutes else None,
            "per_100_words": round(100 * len(all_fillers) / words_total, 2) if words_total else None,
            "items": all_fillers,
        },
        "hedges": {
            "count": len(all_hedges),
            "per_100_words": round(100 * len(all_hedges) / words_total, 2) if words_total else None,
            "items": all_hedges,
        },
        **(vm.as_dict() if vm else _no_video()),
        "media": _media(decoded),
        "transcription": transcription,
        "answers": answers,
    }
    return metrics, texts


def _turn_text(job: Job, turn: TurnInput, decoded, wa, transcription: dict) -> tuple[str, str]:
    """The text to analyse for one turn and where it came from: the server transcript of its window when
    transcription is configured (and works), else what the browser captured live or the candidate typed."""
    body, source = turn.answer_text or "", turn.answer_mode or ""
    if job.transcribe and decoded and decoded.audio_path and turn.spoken_window and wa and wa.speaking_s:
        try:
            server_text = job.transcribe(Path(decoded.audio_path), turn.start_s, turn.end_s)
        except job.transient:
            raise
        except Exception as error:  # the live transcript stands in; the reason is kept
            transcription["error"] = describe(error)
        else:
            if server_text.strip():
                body, source = server_text, "server"
                transcription.update(source="server", engine="transcription endpoint")
    if transcription["source"] != "server" and body.strip():
        transcription["source"] = "typed" if source == "typed" else "live"
    return body, source


def _hit(h: text.Hit, index: int, length: int, first: float | None, last: float | None) -> dict:
    return {
        "word": h.word,
        "turn_index": index,
        "span": [h.start, h.end],
        "t_s": text.moment(h.start, length, first, last),
    }


def _spoken_count(items: list[dict], job: Job) -> int:
    spoken = {t.index for t in job.turns if t.spoken_window is not None} if job.turns else None
    return sum(1 for i in items if spoken is None or i["turn_index"] in spoken)


def _no_video() -> dict:
    return {
        "face_present_pct": None,
        "eye_contact_pct": None,
        "centering": None,
        "posture_stability": None,
        "looked_away": [],
        "video_timeline": [],
    }


def _media(decoded: Decoded | None) -> dict:
    if decoded is None:
        return {"segments": 0}
    return {
        "width": decoded.width,
        "height": decoded.height,
        "sampled_fps": decoded.sampled_fps if decoded.has_video else None,
        "audio_codec": decoded.audio_codec,
        "video_codec": decoded.video_codec,
        "decode_s": decoded.decode_s,
        "decoder_peak_rss_mb": decoded.peak_rss_mb,
        "face_detections": decoded.face_detections,
        "warnings": decoded.warnings,
    }


def choose_wpm(transcript: float | None, syllables: float | None) -> tuple[float | None, str | None, str]:
    """(wpm, source, confidence): the transcript's rate when there is one, else the syllable estimate; when
    both exist and differ by more than ``WPM_DISAGREEMENT``, no number ("low" confidence)."""
    if transcript is not None and syllables is not None:
        if not audio.agree(transcript, syllables, WPM_DISAGREEMENT):
            return None, None, "low"
        return round(transcript, 1), "transcript", "high"
    if transcript is not None:
        return round(transcript, 1), "transcript", "high"
    if syllables is not None:
        return round(syllables, 1), "syllables", "high"
    return None, None, "high"


def step_drills(job: Job, metrics: dict, scores: dict, items: list[dict]) -> list[dict]:
    return drills.build(
        answers=metrics["answers"],
        scores=scores,
        feedback=items,
        interview_type=job.interview_type,
        templates=job.templates,
        coding_topics=job.coding_topics,
    )


def build_timeline(job: Job, metrics: dict, scores: dict) -> list[dict]:
    markers: list[dict] = []

    def add(t_s, kind, label, *, end_s=None, turn_index=None, detail=None):
        if t_s is not None:
            markers.append(
                {
                    "t_s": round(float(t_s), 2),
                    "end_s": round(float(end_s), 2) if end_s is not None else None,
                    "kind": kind,
                    "label": label,
                    "turn_index": turn_index,
                    "detail": detail or {},
                }
            )

    for turn in job.turns:
        add(turn.asked_s, "question", f"Question {turn.index + 1}", turn_index=turn.index)
        add(turn.start_s, "answer", f"Answer {turn.index + 1}", end_s=turn.end_s, turn_index=turn.index)
    for event in job.events:
        if event.kind.startswith("nudge_"):
            kind = event.kind.removeprefix("nudge_")
            add(event.t_s, "nudge", f"{kind.capitalize()} nudge", detail={"kind": kind, **event.payload})
    for pause in metrics["pauses"]:
        length = pause["end_s"] - pause["start_s"]
        if length >= audio.LONG_PAUSE_S:
            add(pause["start_s"], "long_pause", f"Pause of {length:.1f} s", end_s=pause["end_s"])
    by_turn: dict[int, list[float]] = {}
    for item in metrics["fillers"]["items"]:
        if item["t_s"] is not None:
            by_turn.setdefault(item["turn_index"], []).append(item["t_s"])
    count, span = FILLER_BURST
    for turn_index, moments in by_turn.items():
        moments.sort()
        last_marked = -1e9
        for i in range(len(moments) - count + 1):
            if moments[i + count - 1] - moments[i] <= span and moments[i] > last_marked + span:
                add(
                    moments[i], "filler_burst", f"{count}+ fillers", end_s=moments[i + count - 1], turn_index=turn_index
                )
                last_marked = moments[i]
    for stretch in metrics["looked_away"]:
        add(stretch["start_s"], "looked_away", "Looked away", end_s=stretch["end_s"])
    seen = set()
    for key, dim in scores["dimensions"].items():
        for ev in dim["evidence"]:
            if ev["t_s"] is None or ev["kind"] in {"pause", "looked_away", "filler"}:
                continue
            marker_key = (ev["t_s"], ev["note"])
            if marker_key in seen:
                continue
            seen.add(marker_key)
            add(ev["t_s"], ev["polarity"], ev["note"], turn_index=ev["turn_index"], detail={"dimension": key})
    return sorted(markers, key=lambda m: (m["t_s"], m["kind"]))
