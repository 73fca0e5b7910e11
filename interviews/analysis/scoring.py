"""Radar scores from the metrics, each with the evidence that moved it. Pure; formulas in docs/scoring.md.

Every input is mapped to 0–100 by ``band`` (full marks inside a target range, falling linearly to 0 at a
limit on either side); a dimension is the weighted mean of the inputs it has (missing inputs are left out
and the weights renormalised); a dimension with no input is ``None``. ``overall`` is the weighted mean of the
dimensions that have a score.
"""

from __future__ import annotations

from dataclasses import dataclass

DIMENSIONS = ("confidence", "clarity", "structure", "engagement", "pace", "presence")
LABELS = {d: d.capitalize() for d in DIMENSIONS}
OVERALL_WEIGHTS = {
    "confidence": 0.2,
    "clarity": 0.15,
    "structure": 0.25,
    "engagement": 0.15,
    "pace": 0.1,
    "presence": 0.15,
}
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Band:
    """100 between ``good_low`` and ``good_high``; 0 at ``zero_low`` / ``zero_high`` and beyond."""

    zero_low: float
    good_low: float
    good_high: float
    zero_high: float

    def __call__(self, value: float) -> float:
        if value < self.good_low:
            span = self.good_low - self.zero_low
            return 100.0 if span <= 0 else max(0.0, 100 * (value - self.zero_low) / span)
        if value > self.good_high:
            span = self.zero_high - self.good_high
            return 100.0 if span <= 0 else max(0.0, 100 * (self.zero_high - value) / span)
        return 100.0


INF = float("inf")
# Thresholds (sources and reasoning in docs/scoring.md).
FILLERS_PER_MIN = Band(-INF, -INF, 2.0, 10.0)
FILLERS_PER_100W = Band(-INF, -INF, 1.5, 8.0)
HEDGES_PER_100W = Band(-INF, -INF, 1.0, 6.0)
LONG_PAUSES_PER_MIN = Band(-INF, -INF, 0.5, 3.0)
ANSWER_WORDS = Band(20, 60, 350, 700)
RELEVANCE = Band(0.0, 0.3, INF, INF)
PITCH_SD_ST = Band(1.0, 2.5, INF, INF)
ENERGY_SD_DB = Band(2.0, 5.0, INF, INF)
EYE_CONTACT_PCT = Band(20, 70, INF, INF)
FACE_PRESENT_PCT = Band(50, 95, INF, INF)
CENTERING = Band(0.4, 0.8, INF, INF)
WPM = Band(70, 120, 160, 220)


def _mean(parts: list[tuple[float | None, float]]) -> int | None:
    have = [(v, w) for v, w in parts if v is not None]
    if not have:
        return None
    total = sum(w for _, w in have)
    return round(sum(v * w for v, w in have) / total)


def _ev(kind: str, note: str, polarity: str, *, turn_index=None, span=None, t_s=None) -> dict:
    return {"kind": kind, "note": note, "polarity": polarity, "turn_index": turn_index, "span": span, "t_s": t_s}


def score(metrics: dict) -> dict:
    """``scores`` (docs/scoring.md) from ``metrics``."""
    answers = [a for a in metrics.get("answers", []) if a.get("words")]
    dims = {
        "confidence": _confidence(metrics),
        "clarity": _clarity(metrics, answers),
        "structure": _structure(answers),
        "engagement": _engagement(metrics, answers),
        "pace": _pace(metrics, answers),
        "presence": _presence(metrics),
    }
    for key, dim in dims.items():
        dim["label"] = LABELS[key]
        dim["evidence"] = dim["evidence"][:MAX_EVIDENCE]
    overall = _mean([(dims[k]["score"], OVERALL_WEIGHTS[k]) for k in DIMENSIONS])
    return {"overall": overall, "dimensions": dims}


def flat(scores: dict) -> dict:
    """``{"overall": 72, "confidence": 70, …}`` — what the ``interview_completed`` signal carries."""
    out = {"overall": scores.get("overall")}
    for key in DIMENSIONS:
        out[key] = (scores.get("dimensions", {}).get(key) or {}).get("score")
    return out


def _minutes(metrics: dict) -> float | None:
    speaking = metrics.get("speaking_s")
    return speaking / 60 if speaking and speaking >= 10 else None


def _confidence(m: dict) -> dict:
    fillers = m.get("fillers") or {}
    hedges = m.get("hedges") or {}
    minutes = _minutes(m)
    long_pauses = (m.get("pause_stats") or {}).get("long_count")
    fpm = fillers.get("per_minute")
    filler_score = FILLERS_PER_MIN(fpm) if fpm is not None else None
    if filler_score is None and fillers.get("per_100_words") is not None:
        filler_score = FILLERS_PER_100W(fillers["per_100_words"])
    hedge_score = HEDGES_PER_100W(hedges["per_100_words"]) if hedges.get("per_100_words") is not None else None
    pause_rate = long_pauses / minutes if minutes and long_pauses is not None else None
    pause_score = LONG_PAUSES_PER_MIN(pause_rate) if pause_rate is not None else None
    stability = m.get("posture_stability")
    value = _mean(
        [
            (filler_score, 0.35),
            (hedge_score, 0.25),
            (pause_score, 0.2),
            (100 * stability if stability is not None else None, 0.2),
        ]
    )
    evidence = [
        _ev("filler", f"“{f['word']}”", "gap", turn_index=f["turn_index"], span=f["span"], t_s=f["t_s"])
        for f in (fillers.get("items") or [])[:2]
    ]
    evidence += [
        _ev("hedge", f"“{h['word']}”", "gap", turn_index=h["turn_index"], span=h["span"], t_s=h["t_s"])
        for h in (hedges.get("items") or [])[:1]
    ]
    longest = sorted(m.get("pauses") or [], key=lambda p: p["start_s"] - p["end_s"])[:2]
    evidence += [
        _ev("pause", f"Pause of {p['end_s'] - p['start_s']:.1f} s", "gap", t_s=p["start_s"])
        for p in longest
        if p["end_s"] - p["start_s"] >= 2.5
    ]
    if filler_score is not None and filler_score >= 90:
        evidence.insert(0, _ev("filler", "Very few filler words", "strength"))
    parts = []
    if fpm is not None:
        parts.append(f"{fpm:.1f} fillers a minute")
    if hedges.get("count") is not None:
        parts.append(f"{hedges['count']} hedges")
    if long_pauses is not None and minutes:
        parts.append(f"{long_pauses} long pauses")
    if stability is not None:
        parts.append(f"steadiness {stability:.2f}")
    return {
        "score": value,
        "summary": ", ".join(parts).capitalize() + "." if parts else "Not enough to measure.",
        "inputs": {
            "fillers_per_minute": fpm,
            "fillers_per_100_words": fillers.get("per_100_words"),
            "hedges_per_100_words": hedges.get("per_100_words"),
            "long_pauses_per_minute": round(pause_rate, 2) if pause_rate is not None else None,
            "posture_stability": stability,
        },
        "evidence": evidence,
    }


def _clarity(m: dict, answers: list[dict]) -> dict:
    fillers = m.get("fillers") or {}
    per100 = fillers.get("per_100_words")
    length_scores = [ANSWER_WORDS(a["words"]) for a in answers]
    relevances = [a["relevance"] for a in answers if a.get("relevance") is not None]
    value = _mean(
        [
            (FILLERS_PER_100W(per100) if per100 is not None else None, 0.4),
            (sum(length_scores) / len(length_scores) if length_scores else None, 0.3),
            (RELEVANCE(sum(relevances) / len(relevances)) if relevances else None, 0.3),
        ]
    )
    evidence = []
    for a in answers:
        if a["words"] < 60:
            evidence.append(_ev("length", f"Short answer ({a['words']} words)", "gap", turn_index=a["turn_index"]))
        elif a["words"] > 350:
            evidence.append(_ev("length", f"Long answer ({a['words']} words)", "gap", turn_index=a["turn_index"]))
        if a.get("relevance") is not None and a["relevance"] < 0.1:
            evidence.append(_ev("relevance", "Drifts from the question", "gap", turn_index=a["turn_index"]))
    best = max(answers, key=lambda a: a.get("relevance") or 0, default=None)
    if best is not None and (best.get("relevance") or 0) >= 0.3:
        evidence.insert(0, _ev("relevance", "Answers the question directly", "strength", turn_index=best["turn_index"]))
    mean_rel = sum(relevances) / len(relevances) if relevances else None
    summary = f"{len(answers)} answers, mean relevance {mean_rel:.2f}." if mean_rel is not None else "No answers."
    return {
        "score": value,
        "summary": summary,
        "inputs": {
            "fillers_per_100_words": per100,
            "mean_words": round(sum(a["words"] for a in answers) / len(answers)) if answers else None,
            "mean_relevance": round(mean_rel, 3) if mean_rel is not None else None,
        },
        "evidence": evidence,
    }


def _structure(answers: list[dict]) -> dict:
    scored = [a for a in answers if a.get("star")]
    if not scored:
        return {"score": None, "summary": "No spoken or typed answers.", "inputs": {}, "evidence": []}
    per_answer = [max(0.0, 100 * a["star"]["coverage"] - (10 if a["star"]["team_only_action"] else 0)) for a in scored]
    evidence = []
    for a in scored:
        for part in a["star"]["parts"]:
            if part["present"] and part["part"] == "result":
                evidence.append(
                    _ev(
                        "star",
                        "Clear result",
                        "strength",
                        turn_index=a["turn_index"],
                        span=part["span"],
                        t_s=a.get("start_s"),
                    )
                )
        for missing in a["star"]["missing"]:
            evidence.append(_ev("star", f"No clear {missing}", "gap", turn_index=a["turn_index"], t_s=a.get("start_s")))
    evidence.sort(key=lambda e: e["polarity"] != "gap")  # gaps first: they are what to work on
    mean = sum(a["star"]["coverage"] for a in scored) / len(scored)
    return {
        "score": round(sum(per_answer) / len(per_answer)),
        "summary": f"STAR coverage {mean:.0%} on average.",
        "inputs": {"mean_star_coverage": round(mean, 3)},
        "evidence": evidence,
    }


def _engagement(m: dict, answers: list[dict]) -> dict:
    pitch = m.get("pitch") or {}
    sd = pitch.get("sd_semitones")
    energy = (m.get("energy") or {}).get("sd_db")
    eye = m.get("eye_contact_pct")
    sentiments = [a["sentiment"] for a in answers if a.get("sentiment") is not None]
    mood = sum(sentiments) / len(sentiments) if sentiments else None
    value = _mean(
        [
            (PITCH_SD_ST(sd) if sd is not None else None, 0.35),
            (ENERGY_SD_DB(energy) if energy is not None else None, 0.15),
            (EYE_CONTACT_PCT(eye) if eye is not None else None, 0.3),
            (max(0.0, min(100.0, 50 + 50 * mood)) if mood is not None else None, 0.1),
        ]
    )
    evidence = []
    if pitch.get("monotone"):
        evidence.append(_ev("pitch", f"Flat voice (pitch varies {sd:.1f} semitones)", "gap"))
    elif sd is not None and sd >= 2.5:
        evidence.append(_ev("pitch", f"Lively voice (pitch varies {sd:.1f} semitones)", "strength"))
    evidence += [
        _ev("looked_away", f"Looked away {e['end_s'] - e['start_s']:.0f} s", "gap", t_s=e["start_s"])
        for e in (m.get("looked_away") or [])[:2]
    ]
    parts = []
    if sd is not None:
        parts.append(f"pitch varies {sd:.1f} st")
    if eye is not None:
        parts.append(f"eye contact {eye:.0f} %")
    return {
        "score": value,
        "summary": ", ".join(parts).capitalize() + "." if parts else "Not enough to measure.",
        "inputs": {"pitch_sd_semitones": sd, "energy_sd_db": energy, "eye_contact_pct": eye, "sentiment": mood},
        "evidence": evidence,
    }


def _pace(m: dict, answers: list[dict]) -> dict:
    wpm = m.get("wpm")
    if wpm is None:
        low = m.get("wpm_confidence") == "low"
        summary = "Rate uncertain: transcript and audio disagree." if low else "No speech to measure."
        return {"score": None, "summary": summary, "inputs": {"wpm": None}, "evidence": []}
    evidence = []
    for a in answers:
        rate = a.get("wpm")
        if rate is None:
            continue
        if rate > 170 or rate < 110:
            word = "Fast" if rate > 170 else "Slow"
            evidence.append(
                _ev("pace", f"{word}: {rate:.0f} wpm", "gap", turn_index=a["turn_index"], t_s=a.get("start_s"))
            )
        else:
            evidence.append(
                _ev("pace", f"{rate:.0f} wpm", "strength", turn_index=a["turn_index"], t_s=a.get("start_s"))
            )
    evidence.sort(key=lambda e: e["polarity"] != "gap")
    return {
        "score": round(WPM(wpm)),
        "summary": f"{wpm:.0f} words a minute ({m.get('wpm_source')}); target 120–160.",
        "inputs": {"wpm": wpm, "wpm_source": m.get("wpm_source")},
        "evidence": evidence,
    }


def _presence(m: dict) -> dict:
    present = m.get("face_present_pct")
    if present is None:
        return {"score": None, "summary": "No video.", "inputs": {}, "evidence": []}
    eye, centering, stability = m.get("eye_contact_pct"), m.get("centering"), m.get("posture_stability")
    value = _mean(
        [
            (FACE_PRESENT_PCT(present), 0.4),
            (EYE_CONTACT_PCT(eye) if eye is not None else None, 0.3),
            (CENTERING(centering) if centering is not None else None, 0.15),
            (100 * stability if stability is not None else None, 0.15),
        ]
    )
    evidence = [
        _ev("looked_away", f"Looked away {e['end_s'] - e['start_s']:.0f} s", "gap", t_s=e["start_s"])
        for e in (m.get("looked_away") or [])[:3]
    ]
    if eye is not None and eye >= 70:
        evidence.insert(0, _ev("eye_contact", f"Eye contact {eye:.0f} % of the time", "strength"))
    return {
        "score": value,
        "summary": f"On camera {present:.0f} %, eye contact {eye or 0:.0f} %.",
        "inputs": {
            "face_present_pct": present,
            "eye_contact_pct": eye,
            "centering": centering,
            "posture_stability": stability,
        },
        "evidence": evidence,
    }
