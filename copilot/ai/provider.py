"""The OpenAI-compatible provider: the official ``openai`` client, with our own deadlines.

The client's defaults (a 10-minute timeout and automatic retries) are never used: every call gets an
absolute deadline, ``max_retries=0``, and at most ``retries`` retries of our own, for rate limits
(honouring ``Retry-After`` when it fits before the deadline), 5xx answers and dropped connections.
Works unchanged with OpenAI, Moonshot (Kimi K2), vLLM, llama.cpp and Ollama servers. No Django import.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import openai

FailureKind = Literal[
    "timeout", "rate_limited", "server", "connection", "refused", "bad_response", "truncated", "invalid"
]


class ProviderError(Exception):
    def __init__(self, kind: FailureKind, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        return self.kind in {"timeout", "rate_limited", "server", "connection", "truncated"}


@dataclass(frozen=True)
class Deadline:
    """An absolute point in time (monotonic clock) by which a call must have returned."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        return self.at - time.monotonic()


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None


@dataclass
class StreamStats:
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None


MIN_ATTEMPT_SECONDS = 0.5


class OpenAICompatProvider:
    def __init__(self, *, base_url: str | None, api_key: str, model: str, retries: int = 1):
        self.model = model
        self.retries = retries
        self.client = openai.OpenAI(
            base_url=base_url or None,
            api_key=api_key or "not-needed",  # local servers (Ollama, llama.cpp) take any key
            max_retries=0,
            timeout=openai.Timeout(30.0, connect=5.0),
        )

    # -- plain completion -------------------------------------------------------------------------
    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        deadline: Deadline,
        json_mode: bool = False,
        temperature: float = 0.4,
        max_tokens: int = 1200,
    ) -> Completion:
        extra = {"response_format": {"type": "json_object"}} if json_mode else {}
        response = self._with_retries(
            deadline,
            lambda client: client.chat.completions.create(
                model=self.model, messages=messages, temperature=temperature, max_tokens=max_tokens, **extra
            ),
        )
        try:
            choice = response.choices[0]
            text = choice.message.content or ""
        except (AttributeError, IndexError, TypeError) as exc:
            raise ProviderError("bad_response", f"response has no message: {exc}") from None
        usage = getattr(response, "usage", None)
        return Completion(
            text=text,
            model=getattr(response, "model", None) or self.model,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            finish_reason=choice.finish_reason,
        )

    # -- streaming --------------------------------------------------------------------------------
    def stream(
        self,
        messages: list[dict[str, str]],
        *,
        deadline: Deadline,
        stats: StreamStats,
        temperature: float = 0.5,
        max_tokens: int = 1200,
    ) -> Iterator[str]:
        """Yield text deltas. Opening the stream is retried like ``complete``; once text has flowed,
        a failure raises ``ProviderError`` (kind ``truncated`` when the stream ends without a finish
        reason, ``timeout`` when the deadline passes mid-stream)."""
        stream = self._with_retries(
            deadline,
            lambda client: client.chat.completions.create(
                model=self.model,
                messages=messages,
                temperature=temperature,
                max_tokens=max_tokens,
                stream=True,
            ),
        )
        try:
            for chunk in stream:
                if deadline.remaining() <= 0:
                    raise ProviderError("timeout", "the model's stream ran past the deadline")
                stats.model = getattr(chunk, "model", None) or stats.model or self.model
                usage = getattr(chunk, "usage", None)
                if usage is not None:
                    stats.prompt_tokens = getattr(usage, "prompt_tokens", 0) or 0
                    stats.completion_tokens = getattr(usage, "completion_tokens", 0) or 0
                for choice in getattr(chunk, "choices", None) or []:
                    delta = getattr(choice, "delta", None)
                    text = getattr(delta, "content", None) if delta is not None else None
                    if text:
                        yield text
                    if getattr(choice, "finish_reason", None):
                        stats.finish_reason = choice.finish_reason
        except ProviderError:
            raise
        except openai.APITimeoutError:
            raise ProviderError("timeout", "the model stopped sending before the deadline") from None
        except openai.APIConnectionError as exc:
            raise ProviderError("truncated", f"the stream broke off: {type(exc).__name__}") from None
        except openai.APIError as exc:
            raise ProviderError("bad_response", f"the stream carried an error: {exc}") from None
        except (ValueError, KeyError, TypeError) as exc:  # malformed event data
            raise ProviderError("bad_response", f"malformed stream event: {exc}") from None
        except Exception as exc:
            raise ProviderError("truncated", f"the stream broke off: {type(exc).__name__}") from None
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        if stats.finish_reason is None:
            raise ProviderError("truncated", "the stream ended without a finish reason")

    # -- retry loop -------------------------------------------------------------------------------
    def _with_retries(self, deadline: Deadline, call):
        attempt = 0
        while True:
            remaining = deadline.remaining()
            if remaining < MIN_ATTEMPT_SECONDS:
                raise ProviderError("timeout", "no time left before the deadline")
            client = self.client.with_options(
                timeout=openai.Timeout(remaining, connect=min(5.0, remaining)), max_retries=0
            )
            try:
                return call(client)
            except Exception as exc:
                error = classify(exc)
            attempt += 1
            if not error.transient or attempt > self.retries:
                raise error
            wait = error.retry_after if error.retry_after is not None else 0.2 * attempt
            if wait > deadline.remaining() - MIN_ATTEMPT_SECONDS:
                raise error  # Retry-After beyond the deadline: give up now rather than hang
            time.sleep(max(0.0, wait))


def classify(exc: BaseException) -> ProviderError:
    if isinstance(exc, ProviderError):
        return exc
    if isinstance(exc, openai.APITimeoutError):
        return ProviderError("timeout", "the model did not answer before the deadline")
    if isinstance(exc, openai.RateLimitError):
        return ProviderError("rate_limited", "the model is rate-limited", retry_after=_retry_after(exc))
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError("connection", f"cannot reach the model server: {exc.__cause__ or exc}")
    if isinstance(exc, openai.InternalServerError):
        return ProviderError("server", f"the model server failed ({exc.status_code})")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return ProviderError("server", f"the model server failed ({exc.status_code})")
        return ProviderError("refused", f"the model server refused the request ({exc.status_code})")
    if isinstance(exc, openai.APIError):
        return ProviderError("bad_response", f"unexpected answer from the model server: {exc}")
    return ProviderError("bad_response", f"{type(exc).__name__}: {exc}")


def _retry_after(exc: openai.APIStatusError) -> float | None:
    headers = getattr(exc.response, "headers", {}) or {}
    raw = headers.get("retry-after-ms")
    if raw:
        try:
            return max(0.0, float(raw) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            return None  # an HTTP date: treat as unknown rather than parse clocks we don't share
    return None
