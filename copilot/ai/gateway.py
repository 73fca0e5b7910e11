"""The one gateway to language models. Every AI feature calls ``chat``, ``structured`` or ``stream_chat``.

Contract:
- The model is used when one is configured (``LLM_BASE_URL`` or ``LLM_API_KEY``) and the user is within
  their tier's daily allowance; otherwise, and whenever the model fails, the caller's ``offline`` function
  answers. The user never sees an error from here: they see a result and which engine produced it
  (``AIResult.engine``), with a ``notice`` saying why the offline engine answered, when it did.
- Interactive calls have a short deadline and at most one retry; background calls (Celery) use a longer
  deadline and, with ``allow_fallback=False``, raise ``AIUnavailable`` on a transient failure so the task
  retries with backoff; on its last attempt the task passes ``allow_fallback=True``.
- Structured output is validated into a pydantic model; invalid JSON or a schema mismatch gets one repair
  attempt, then the offline engine.
- Calls and tokens are counted per user per day (copilot.services.ai_usage_record).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar

from django.conf import settings
from pydantic import BaseModel, ValidationError

from copilot.ai import prompts
from copilot.ai.personas import get_persona
from copilot.ai.provider import Deadline, OpenAICompatProvider, ProviderError, StreamStats

logger = logging.getLogger(__name__)

T = TypeVar("T")
S = TypeVar("S", bound=BaseModel)
Mode = Literal["interactive", "background"]
Engine = Literal["model", "offline"]
OFFLINE_MODEL = "offline-engine"

NOTICES = {
    "timeout": "The AI model took too long to answer, so the offline coach answered instead.",
    "rate_limited": "The AI model is busy (rate-limited) right now, so the offline coach answered instead.",
    "server": "The AI model's server had an error, so the offline coach answered instead.",
    "connection": "The AI model could not be reached, so the offline coach answered instead.",
    "refused": "The AI model refused the request, so the offline coach answered instead.",
    "bad_response": "The AI model sent back something unusable, so the offline coach answered instead.",
    "truncated": "The AI model's reply broke off, so the offline coach answered instead.",
    "invalid": "The AI model's answer did not have the expected shape, so the offline coach answered instead.",
}


class AIUnavailable(Exception):
    """Raised in background mode without fallback: the task should retry later."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class AIResult[T]:
    value: T
    engine: Engine
    model: str
    task: str
    prompt_version: str
    latency_ms: int
    notice: str = ""

    @property
    def engine_label(self) -> str:
        return f"AI model ({self.model})" if self.engine == "model" else "Offline coach"


@dataclass
class StreamEvent:
    kind: Literal["delta", "done"]
    text: str = ""
    result: AIResult[str] | None = None
    truncated: bool = False
    extra: dict = field(default_factory=dict)


# ------------------------------------------------------------------------------------------------
# Configuration
# ------------------------------------------------------------------------------------------------
def model_configured() -> bool:
    return bool(settings.LLM_BASE_URL or settings.LLM_API_KEY)


@lru_cache(maxsize=4)
def _provider(base_url: str, api_key: str, model: str, retries: int) -> OpenAICompatProvider:
    return OpenAICompatProvider(base_url=base_url or None, api_key=api_key, model=model, retries=retries)


def get_provider(mode: Mode = "interactive") -> OpenAICompatProvider | None:
    """Interactive calls retry once inside the deadline; background calls never retry in-process
    (the Celery task retries with backoff instead)."""
    if not model_configured():
        return None
    retries = 1 if mode == "interactive" else 0
    return _provider(settings.LLM_BASE_URL, settings.LLM_API_KEY, settings.LLM_MODEL, retries)


def _deadline(mode: Mode) -> Deadline:
    seconds = settings.LLM_TIMEOUT_SECONDS if mode == "interactive" else settings.LLM_BACKGROUND_TIMEOUT_SECONDS
    return Deadline.after(seconds)


def _gate(user, mode: Mode = "interactive") -> tuple[OpenAICompatProvider | None, str]:
    """The provider to use for this user now, or None and the notice explaining why not. A refusal is
    recorded as an offline call here (limited, when the daily allowance was the reason)."""
    from copilot.services import ai_usage_limit_reason  # noqa: PLC0415 — models load after apps

    provider = get_provider(mode)
    reason = ai_usage_limit_reason(user=user) if provider is not None else ""
    if provider is None or reason:
        _record(user, engine="offline", limited=bool(reason))
        return None, reason
    return provider, ""


def _record(user, *, engine: Engine, prompt_tokens=0, completion_tokens=0, fallback=False, limited=False) -> None:
    from copilot.services import ai_usage_record  # noqa: PLC0415

    try:
        ai_usage_record(
            user=user,
            engine=engine,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            fallback=fallback,
            limited=limited,
        )
    except Exception:  # accounting must never break an answer
        logger.exception("could not record AI usage")


def _offline_result[T](task: str, value: T, started: float, notice: str) -> AIResult[T]:
    return AIResult(
        value=value,
        engine="offline",
        model=OFFLINE_MODEL,
        task=task,
        prompt_version=prompts.PROMPTS[task].version,
        latency_ms=_ms(started),
        notice=notice,
    )


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


# ------------------------------------------------------------------------------------------------
# Calls
# ------------------------------------------------------------------------------------------------
def chat(
    *,
    user,
    task: str,
    offline: Callable[[], str],
    persona_key: str | None = None,
    data: dict[str, str] | None = None,
    params: dict[str, object] | None = None,
    history: list[dict[str, str]] | None = None,
    mode: Mode = "interactive",
    allow_fallback: bool = True,
) -> AIResult[str]:
    started = time.monotonic()
    provider, notice = _gate(user, mode)
    if provider is None:
        return _offline_result(task, offline(), started, notice)
    rendered = prompts.render(task, persona=_persona(persona_key), data=data, params=params, history=history)
    try:
        completion = provider.complete(rendered.messages, deadline=_deadline(mode))
        if not completion.text.strip():
            raise ProviderError("bad_response", "the model returned an empty reply")
    except ProviderError as error:
        return _fail_over(
            user=user,
            task=task,
            error=error,
            offline=offline,
            started=started,
            mode=mode,
            allow_fallback=allow_fallback,
        )
    _record(
        user,
        engine="model",
        prompt_tokens=completion.prompt_tokens,
        completion_tokens=completion.completion_tokens,
    )
    return AIResult(
        value=completion.text.strip(),
        engine="model",
        model=completion.model,
        task=task,
        prompt_version=rendered.version,
        latency_ms=_ms(started),
    )


def structured[S: BaseModel](
    *,
    user,
    task: str,
    schema: type[S],
    offline: Callable[[], S],
    persona_key: str | None = None,
    data: dict[str, str] | None = None,
    params: dict[str, object] | None = None,
    mode: Mode = "interactive",
    allow_fallback: bool = True,
) -> AIResult[S]:
    started = time.monotonic()
    provider, notice = _gate(user, mode)
    if provider is None:
        return _offline_result(task, offline(), started, notice)
    rendered = prompts.render(task, persona=_persona(persona_key), data=data, params=params, schema=schema)
    deadline = _deadline(mode)
    prompt_tokens = completion_tokens = 0
    messages = list(rendered.messages)
    try:
        for attempt in range(2):  # the answer, then at most one repair
            completion = provider.complete(messages, deadline=deadline, json_mode=True, temperature=0.2)
            prompt_tokens += completion.prompt_tokens
            completion_tokens += completion.completion_tokens
            try:
                value = parse_json_into(completion.text, schema)
            except ValueError as problem:
                if attempt == 1:
                    raise ProviderError("invalid", f"invalid structured output: {problem}") from None
                messages += [
                    {"role": "assistant", "content": completion.text[:4000]},
                    {
                        "role": "user",
                        "content": (
                            f"That reply was not valid: {str(problem)[:500]}. Reply again with only the "
                            "corrected JSON object."
                        ),
                    },
                ]
                continue
            _record(user, engine="model", prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
            return AIResult(
                value=value,
                engine="model",
                model=completion.model,
                task=task,
                prompt_version=rendered.version,
                latency_ms=_ms(started),
            )
    except ProviderError as error:
        return _fail_over(
            user=user,
            task=task,
            error=error,
            offline=offline,
            started=started,
            mode=mode,
            allow_fallback=allow_fallback,
        )
    raise AssertionError("unreachable")


def stream_chat(
    *,
    user,
    task: str,
    offline: Callable[[], str],
    persona_key: str | None = None,
    data: dict[str, str] | None = None,
    params: dict[str, object] | None = None,
    history: list[dict[str, str]] | None = None,
) -> Iterator[StreamEvent]:
    """Yield ``delta`` events as text arrives, then one ``done`` event carrying the full result.

    Before the first token any failure falls over to the offline engine (streamed the same way); after
    it, the text so far is kept and the ``done`` event is marked ``truncated`` with a notice.
    """
    started = time.monotonic()
    provider, notice = _gate(user)
    if provider is None:
        yield from _stream_offline(task, offline, started, notice)
        return
    rendered = prompts.render(task, persona=_persona(persona_key), data=data, params=params, history=history)
    stats = StreamStats()
    parts: list[str] = []
    try:
        for delta in provider.stream(
            rendered.messages, deadline=Deadline.after(settings.LLM_STREAM_TIMEOUT_SECONDS), stats=stats
        ):
            parts.append(delta)
            yield StreamEvent(kind="delta", text=delta)
    except GeneratorExit:
        # The reader went away (the user cancelled): the call still cost what arrived.
        _record(user, engine="model", completion_tokens=_estimate_tokens("".join(parts)))
        raise
    except ProviderError as error:
        logger.warning("AI stream for %s failed: %s (%s)", task, error, error.kind)
        if not "".join(parts).strip():
            _record(user, engine="offline", fallback=True)
            yield from _stream_offline(task, offline, started, NOTICES.get(error.kind, NOTICES["bad_response"]))
            return
        text = "".join(parts)
        _record(user, engine="model", completion_tokens=_estimate_tokens(text), fallback=True)
        yield StreamEvent(
            kind="done",
            truncated=True,
            result=AIResult(
                value=text,
                engine="model",
                model=stats.model or provider.model,
                task=task,
                prompt_version=rendered.version,
                latency_ms=_ms(started),
                notice="The AI model's reply broke off before it finished; what arrived is shown.",
            ),
        )
        return
    text = "".join(parts)
    _record(
        user,
        engine="model",
        prompt_tokens=stats.prompt_tokens or _estimate_tokens(json.dumps(rendered.messages)),
        completion_tokens=stats.completion_tokens or _estimate_tokens(text),
    )
    yield StreamEvent(
        kind="done",
        result=AIResult(
            value=text,
            engine="model",
            model=stats.model or provider.model,
            task=task,
            prompt_version=rendered.version,
            latency_ms=_ms(started),
        ),
    )


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------
def _persona(key: str | None):
    return get_persona(key) if key else None


def _fail_over(*, user, task, error: ProviderError, offline, started, mode, allow_fallback):
    logger.warning("AI call %s failed over to offline: %s (%s)", task, error, error.kind)
    if mode == "background" and not allow_fallback and error.transient:
        raise AIUnavailable(str(error), retry_after=error.retry_after) from error
    _record(user, engine="offline", fallback=True)
    return _offline_result(task, offline(), started, NOTICES.get(error.kind, NOTICES["bad_response"]))


def _stream_offline(task: str, offline: Callable[[], str], started: float, notice: str) -> Iterator[StreamEvent]:
    text = offline()
    for piece in re.findall(r"\S+\s*|\s+", text):
        yield StreamEvent(kind="delta", text=piece)
    yield StreamEvent(kind="done", result=_offline_result(task, text, started, notice))


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


def parse_json_into[S: BaseModel](text: str, schema: type[S]) -> S:
    """Parse a model's reply into ``schema``; ValueError (with a reason fit to send back) otherwise."""
    cleaned = _FENCE.sub("", text or "").strip()
    start, end = cleaned.find("{"), cleaned.rfind("}")
    if start == -1 or end <= start:
        raise ValueError("no JSON object found")
    try:
        payload = json.loads(cleaned[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at position {exc.pos}") from None
    try:
        return schema.model_validate(payload)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise ValueError(f"schema mismatch: {problems}") from None
