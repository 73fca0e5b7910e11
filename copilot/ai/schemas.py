"""Typed results shared by both engines. A model's JSON is validated into these; the offline engine
builds them directly. Changing a field changes the prompt's schema too (see prompts.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

StarPart = Literal["situation", "task", "action", "result"]
QuestionType = Literal["behavioral", "technical", "situational", "leadership"]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class StarEvidence(_Schema):
    part: StarPart
    present: bool
    # The span of the answer that shows this part (character offsets into the answer), if present.
    evidence: str = ""
    start: int | None = None
    end: int | None = None


class StarAnalysis(_Schema):
    parts: list[StarEvidence] = Field(min_length=4, max_length=4)
    coverage: float = Field(ge=0, le=1, description="share of the four parts present")
    missing: list[StarPart] = []
    team_only_action: bool = Field(False, description="the actions are told only with 'we', never 'I'")


class AnswerFeedback(_Schema):
    score: int = Field(ge=0, le=100, description="overall quality of the answer")
    strengths: list[str] = Field(default_factory=list, max_length=6)
    gaps: list[str] = Field(default_factory=list, max_length=6)
    rewrite: str = Field("", description="a better version of the answer, in the candidate's voice")
    star: StarAnalysis | None = None


class FollowUp(_Schema):
    ask: bool = Field(description="whether a follow-up question is worth asking")
    question: str = ""
    reason: str = Field("", description="what the answer lacked")


class GeneratedQuestion(_Schema):
    text: str = Field(min_length=8, max_length=400)
    type: QuestionType
    competency: str = ""
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    why: str = Field("", description="what this question tests")
    key: str = Field("", description="question-bank key when drawn from the bank")


class QuestionList(_Schema):
    questions: list[GeneratedQuestion] = Field(min_length=1, max_length=20)


class StarDraft(_Schema):
    title: str = Field("", max_length=120)
    answer: str = Field(min_length=20)
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    tips: list[str] = Field(default_factory=list, max_length=5)


class TalkingPoint(_Schema):
    point: str
    resume_evidence: str = ""
    job_requirement: str = ""


class MatchAnalysis(_Schema):
    score: int = Field(ge=0, le=100)
    matched_skills: list[str] = []
    missing_skills: list[str] = []
    talking_points: list[TalkingPoint] = Field(default_factory=list, max_length=5)
    explanation: str = Field("", description="how the score was reached, in plain words")
