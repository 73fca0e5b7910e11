"""Observable on-camera behaviour from sampled frames: face present, eye contact, centering, steadiness.

Pure module (numpy + OpenCV, no Django). Frames arrive as small grayscale arrays (the decoder samples ~5 fps
and downscales to ~320 px wide); each is looked at once and dropped — nothing is stored but the numbers
below. No emotion or personality inference: only where a frontal face is and whether both eyes show.

Detection (OpenCV Haar cascades shipped in ``cv2.data``): the frontal-face cascade on the whole frame with
``scaleFactor`` 1.15 and a minimum face of 1/8 of the frame width, on a half-size copy — or, when the previous
sample had a face, only on a window 1.5× its size around it at 0.8–1.25× its scale (tracking: a fraction of
the pixels and three or four scales). The eye cascade runs on the upper part of the face box only, rescaled to
64 px wide. About 2 ms a sample on this machine (vs ~25 ms for the default settings at 320 px).

* **eye contact** for a sample: a frontal face with two eyes detected whose centre lies within
  ``CENTER_BOX`` of the frame centre (someone looking at their screen, camera above it).
* **centering**: 1 − mean distance of the face centre from the frame centre / 0.5 (frame units), 0..1.
* **posture stability**: 1 / (1 + J / ``JITTER_SCALE``), J = mean over consecutive seconds of
  (|Δx| + |Δy| + |Δsize|) / face size of each second's mean face box — movement measured in face widths,
  so it does not depend on how near the camera someone sits; per-second means and a dead band of
  ``JITTER_DEADBAND`` (one ×1.1 step of the detector's scale pyramid) keep detector quantisation out.
* **looked away**: runs of ≥ ``LOOKED_AWAY_S`` without eye contact (gaps under 0.5 s bridged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

SCALE_FACTOR = 1.15
MIN_NEIGHBORS = 4
MIN_FACE_SHARE = 1 / 8  # of the frame width
CENTER_BOX = (0.2, 0.25)  # |dx|, |dy| from the centre, as shares of the frame
JITTER_SCALE = 0.25
# One step of the detector's scale pyramid (×1.1) moves a box by ~10 % of its size with nobody moving.
JITTER_DEADBAND = 0.1
LOOKED_AWAY_S = 2.0
BRIDGE_S = 0.5
EYE_ROI_WIDTH = 64
DETECT_WIDTH = 160
# Between detections (at most REDETECT_S apart): a detected face is followed by template matching while the
# match stays above FOLLOW_MIN_SCORE (a turned head or a hand in front drops it → detect again); an empty
# frame stays empty while the frame differs by less than STILL_DIFF grey levels on average.
FOLLOW_MIN_SCORE = 0.85
STILL_DIFF = 1.5
REDETECT_S = 1.0
TRACK_FACE_PX = 30


@dataclass(frozen=True, slots=True)
class Observation:
    t: float
    face: bool
    eyes: int = 0
    x: float = 0.0  # face centre, share of frame width
    y: float = 0.0  # share of frame height
    size: float = 0.0  # face width, share of frame width
    eye_contact: bool = False

    def as_row(self) -> list:
        return [round(self.t, 3), int(self.face), self.eyes, round(self.x, 4), round(self.y, 4), round(self.size, 4)]

    @classmethod
    def from_row(cls, row: list) -> Observation:
        t, face, eyes, x, y, size = row
        return cls(t, bool(face), eyes, x, y, size, _contact(bool(face), eyes, x, y))


def _contact(face: bool, eyes: int, x: float, y: float) -> bool:
    return face and eyes >= 2 and abs(x - 0.5) <= CENTER_BOX[0] and abs(y - 0.5) <= CENTER_BOX[1]


@cache
def _cascades():
    import cv2  # noqa: PLC0415 — only the decoding child and the tests need OpenCV loaded

    root = cv2.data.haarcascades
    face = cv2.CascadeClassifier(root + "haarcascade_frontalface_default.xml")
    eye = cv2.CascadeClassifier(root + "haarcascade_eye.xml")
    if face.empty() or eye.empty():
        raise RuntimeError(f"OpenCV Haar cascades missing under {root} (opencv-python 5.x ships none; pin 4.x)")
    return cv2, face, eye


class FaceTracker:
    """Feed grayscale frames in time order; ``observe`` returns what one frame shows.

    Faces are searched on a ``DETECT_WIDTH`` (160 px) wide copy of the frame (a webcam face is ≥ 1/8 of the
    width, so ≥ 20 px there, near the cascade's 24 px window); eyes on the face cut from the frame as given
    (the decoder passes its full-resolution luma plane, not a copy), rescaled to ``EYE_ROI_WIDTH``.
    """

    def __init__(self) -> None:
        self._last: tuple[int, int, int, int] | None = None  # in DETECT_WIDTH pixels
        self._reference: np.ndarray | None = None  # the small frame of the last full detection
        self._observed: Observation | None = None
        self.detections = 0

    def observe(self, t: float, gray: np.ndarray) -> Observation:
        cv2 = _cascades()[0]
        height, width = gray.shape[:2]
        if width < 32 or height < 32:
            return Observation(t, False)
        # Faces are searched on a DETECT_WIDTH-wide copy; eyes on the full-resolution face.
        k = width / DETECT_WIDTH if width > DETECT_WIDTH else 1.0
        size = (round(width / k), round(height / k)) if k > 1 else (width, height)
        last = self._observed
        reference = self._reference
        if last is not None and t - last.t < REDETECT_S and reference is not None and reference.shape == size[::-1]:
            followed = self._follow(cv2, t, gray, size, last)
            if followed is not None:
                return followed
        small = _shrink(cv2, gray, size)
        observation = self._detect(t, gray, small, k)
        self._reference = small.copy()
        self._observed = observation
        self.detections += 1
        return observation

    def _follow(self, cv2, t: float, gray: np.ndarray, size: tuple[int, int], last: Observation) -> Observation | None:
        """Between detections: follow the last detected face by template matching (the same face, moved a
        little: same eyes), or keep "no face" while the frame stays still. ``None``: detect again. Following
        a face shrinks only the window around it (a fifth of a webcam frame), not the whole frame."""
        reference = self._reference
        if not last.face:
            still = float(cv2.absdiff(_shrink(cv2, gray, size), reference).mean()) < STILL_DIFF
            return Observation(t, False) if still else None
        x, y, w, h = self._last
        patch = reference[y : y + h, x : x + w]
        width, height = size
        x0, y0 = max(0, x - w // 2), max(0, y - h // 2)
        x1, y1 = min(width, x + w + w // 2), min(height, y + h + h // 2)
        if patch.size == 0 or y1 - y0 < h or x1 - x0 < w:
            return None
        window = _shrink_part(cv2, gray, size, (x0, y0, x1, y1))
        _, score, _, (mx, my) = cv2.minMaxLoc(cv2.matchTemplate(window, patch, cv2.TM_CCOEFF_NORMED))
        if score < FOLLOW_MIN_SCORE:
            return None
        cx, cy = (x0 + mx + w / 2) / width, (y0 + my + h / 2) / height
        return Observation(t, True, last.eyes, cx, cy, last.size, _contact(True, last.eyes, cx, cy))

    def _detect(self, t: float, gray: np.ndarray, small: np.ndarray, k: float) -> Observation:
        cv2, face_cascade, eye_cascade = _cascades()
        height, width = gray.shape[:2]
        box = self._detect_near(face_cascade, small, self._last) if self._last is not None else None
        if box is None:
            min_side = max(20, int(small.shape[1] * MIN_FACE_SHARE))
            found = face_cascade.detectMultiScale(
                small, scaleFactor=SCALE_FACTOR, minNeighbors=MIN_NEIGHBORS, minSize=(min_side, min_side)
            )
            box = _largest(found)
        self._last = box
        if box is None:
            return Observation(t, False)
        x, y, w, h = (round(v * k) for v in box)
        upper = gray[y + h // 6 : y + h * 3 // 5, x : x + w]
        if upper.size == 0 or upper.shape[1] < 8:
            return Observation(t, False)
        scale = EYE_ROI_WIDTH / upper.shape[1]
        upper = cv2.resize(upper, (EYE_ROI_WIDTH, max(8, round(upper.shape[0] * scale))), interpolation=cv2.INTER_AREA)
        eyes = eye_cascade.detectMultiScale(upper, scaleFactor=1.2, minNeighbors=3, minSize=(10, 10), maxSize=(30, 30))
        cx, cy = (x + w / 2) / width, (y + h / 2) / height
        n_eyes = min(2, len(eyes))
        return Observation(t, True, n_eyes, cx, cy, w / width, _contact(True, n_eyes, cx, cy))

    @staticmethod
    def _detect_near(cascade, gray: np.ndarray, last: tuple[int, int, int, int]):
        """Tracking: search a window 1.5× the last face, rescaled so that face is ``TRACK_FACE_PX`` wide, at
        sizes 0.8–1.25× it — the same few scales and pixels whatever the face's size."""
        import cv2  # noqa: PLC0415

        x, y, w, h = last
        height, width = gray.shape[:2]
        x0, y0 = max(0, x - w // 4), max(0, y - h // 4)
        x1, y1 = min(width, x + w + w // 4), min(height, y + h + h // 4)
        window = gray[y0:y1, x0:x1]
        k = min(1.0, TRACK_FACE_PX / w)
        if k < 1.0:
            window = cv2.resize(window, (max(1, round(window.shape[1] * k)), max(1, round(window.shape[0] * k))))
        side = w * k
        found = cascade.detectMultiScale(
            window,
            scaleFactor=1.1,
            minNeighbors=MIN_NEIGHBORS,
            minSize=(max(20, int(side * 0.8)),) * 2,
            maxSize=(int(side * 1.25) + 1,) * 2,
        )
        box = _largest(found)
        if box is None:
            return None
        bx, by, bw, bh = (round(v / k) for v in box)
        return (bx + x0, by + y0, bw, bh)


def _shrink(cv2, gray: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``gray`` averaged down to ``size`` (width, height); as it is when that is its size."""
    if size == (gray.shape[1], gray.shape[0]):
        return gray
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA)


def _shrink_part(cv2, gray: np.ndarray, size: tuple[int, int], box: tuple[int, int, int, int]) -> np.ndarray:
    """``_shrink(gray, size)[y0:y1, x0:x1]`` for ``box`` = (x0, y0, x1, y1), shrinking only that part of the
    frame: the same pixels when the scale is a whole number (720p → 160 px is 8), within rounding if not."""
    x0, y0, x1, y1 = box
    if size == (gray.shape[1], gray.shape[0]):
        return gray[y0:y1, x0:x1]
    kx, ky = gray.shape[1] / size[0], gray.shape[0] / size[1]
    part = gray[round(y0 * ky) : round(y1 * ky), round(x0 * kx) : round(x1 * kx)]
    return cv2.resize(part, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)


def _largest(found) -> tuple[int, int, int, int] | None:
    if len(found) == 0:
        return None
    x, y, w, h = max(found, key=lambda b: b[2] * b[3])
    return int(x), int(y), int(w), int(h)


@dataclass(frozen=True, slots=True)
class VideoMetrics:
    face_present_pct: float | None
    eye_contact_pct: float | None
    centering: float | None
    posture_stability: float | None
    looked_away: list[dict]
    timeline: list[dict]
    samples: int

    def as_dict(self) -> dict:
        return {
            "face_present_pct": self.face_present_pct,
            "eye_contact_pct": self.eye_contact_pct,
            "centering": self.centering,
            "posture_stability": self.posture_stability,
            "looked_away": self.looked_away,
            "video_timeline": self.timeline,
        }


def summarize(observations: list[Observation]) -> VideoMetrics:
    """Whole-recording video metrics from the sampled observations (time order)."""
    n = len(observations)
    if not n:
        return VideoMetrics(None, None, None, None, [], [], 0)
    faces = [o for o in observations if o.face]
    present = 100 * len(faces) / n
    contact = 100 * sum(o.eye_contact for o in observations) / n
    centering = None
    stability = None
    if faces:
        distance = float(np.mean([math.hypot(o.x - 0.5, o.y - 0.5) for o in faces]))
        centering = round(max(0.0, 1 - distance / 0.5), 3)
        jitter = _jitter(observations)
        if jitter:
            stability = round(1 / (1 + float(np.mean(jitter)) / JITTER_SCALE), 3)
    return VideoMetrics(
        round(present, 1),
        round(contact, 1),
        centering,
        stability,
        looked_away(observations),
        per_second(observations),
        n,
    )


def _jitter(observations: list[Observation]) -> list[float]:
    """Movement between consecutive seconds (mean face box of each second's samples), in face widths.
    Averaging a second's samples first keeps the detector's pixel jitter out of the figure."""
    seconds: dict[int, list[Observation]] = {}
    for o in observations:
        if o.face:
            seconds.setdefault(int(o.t), []).append(o)
    means = {
        k: (np.mean([o.x for o in v]), np.mean([o.y for o in v]), np.mean([o.size for o in v]))
        for k, v in seconds.items()
    }
    out = []
    for k, (x, y, size) in means.items():
        if k + 1 in means:
            nx, ny, nsize = means[k + 1]
            moved = float(abs(nx - x) + abs(ny - y) + abs(nsize - size)) / max(float(size), 1e-3)
            out.append(max(0.0, moved - JITTER_DEADBAND))
    return out


def looked_away(observations: list[Observation]) -> list[dict]:
    runs: list[list[float]] = []
    step = _median_step(observations)
    for o in observations:
        if o.eye_contact:
            continue
        if runs and o.t - runs[-1][1] <= step + BRIDGE_S:
            runs[-1][1] = o.t
        else:
            runs.append([o.t, o.t])
    return [{"start_s": round(a, 2), "end_s": round(b + step, 2)} for a, b in runs if b + step - a >= LOOKED_AWAY_S]


def per_second(observations: list[Observation]) -> list[dict]:
    buckets: dict[int, list[Observation]] = {}
    for o in observations:
        buckets.setdefault(int(o.t), []).append(o)
    rows = []
    for second in sorted(buckets):
        group = buckets[second]
        faces = [o for o in group if o.face]
        rows.append(
            {
                "t_s": second,
                "face": round(len(faces) / len(group), 2),
                "eye": round(sum(o.eye_contact for o in group) / len(group), 2),
                "x": round(float(np.mean([o.x for o in faces])), 3) if faces else None,
                "y": round(float(np.mean([o.y for o in faces])), 3) if faces else None,
            }
        )
    return rows


def window_stats(observations: list[Observation], start_s: float, end_s: float) -> tuple[float | None, float | None]:
    """Face-present % and eye-contact % between two times (an answer), or (None, None) with no samples."""
    inside = [o for o in observations if start_s <= o.t < end_s]
    if not inside:
        return None, None
    return (
        round(100 * sum(o.face for o in inside) / len(inside), 1),
        round(100 * sum(o.eye_contact for o in inside) / len(inside), 1),
    )


def _median_step(observations: list[Observation]) -> float:
    if len(observations) < 2:
        return 0.2
    return float(np.median(np.diff([o.t for o in observations]))) or 0.2
