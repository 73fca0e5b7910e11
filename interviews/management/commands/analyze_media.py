"""Run the post-session analysis on one media file and print its metrics (for staff and support)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.analysis import pipeline
from interviews.analysis.decode import Segment
from interviews.services.analysis import analysis_limits, transcriber


class Command(BaseCommand):
    help = (
        "Analyse FILE (WebM, MP4, Ogg or WAV) with the same pipeline as the worker — decoding in a limited "
        "child process — and print the metrics. --transcript FILE gives the spoken text (one answer spanning "
        "the recording; without it the rate comes from syllable nuclei). --json prints the report's metrics "
        "(docs/scoring.md) plus scores and feedback; on bad input an 'error' field and exit status 1. Reads "
        "nothing from and writes nothing to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--transcript", help="a UTF-8 text file with what was said")
        parser.add_argument("--question", default="", help="the question answered (for relevance and STAR)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, file: str, transcript: str | None, question: str, json: bool, **options):
        turns = []
        if transcript:
            try:
                text = Path(transcript).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                return self._fail(f"transcript: {error}", as_json=json)
            turns = [pipeline.TurnInput(index=0, question=question, answer_text=text, answer_mode="voice", start_s=0)]
        if not os.path.isfile(file):
            return self._fail(f"decode: {file} is not a file", as_json=json)
        job = pipeline.Job(
            segments=[Segment(str(Path(file).resolve()), 0.0)],
            turns=turns,
            limits=analysis_limits(),
            transcribe=transcriber() if not transcript else None,
        )
        try:
            result = pipeline.run(job)
        except pipeline.StepFailed as failure:
            return self._fail(str(failure), as_json=json)
        report = {**result.metrics, "scores": result.scores, "feedback": result.feedback, "error": None}
        if json:
            self.stdout.write(_dumps(report))
            return None
        m = result.metrics
        self.stdout.write(f"duration {m['duration_s']} s, speaking {m['speaking_s']} s")
        self.stdout.write(f"wpm {m['wpm']} ({m['wpm_source']}, confidence {m['wpm_confidence']})")
        self.stdout.write(f"pauses {len(m['pauses'])}: {m['pause_stats']}")
        self.stdout.write(f"pitch {m['pitch']}")
        self.stdout.write(f"fillers {m['fillers']['count']} ({m['fillers']['per_minute']} a minute)")
        self.stdout.write(
            f"face present {m['face_present_pct']} %, eye contact {m['eye_contact_pct']} %, "
            f"stability {m['posture_stability']}"
        )
        self.stdout.write(f"scores {pipeline.scoring.flat(result.scores)}")
        return None

    def _fail(self, reason: str, *, as_json: bool):
        if as_json:
            self.stdout.write(_dumps({"error": reason}))
            raise SystemExit(1)
        raise CommandError(reason)


def _dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=float)
