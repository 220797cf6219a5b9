"""Key terms and prompts fit Whisper's context, so their cost stays in proportion.

Whisper's decoder reads at most 448 tokens, prompt and answer together, and Whisper itself
keeps only the last 223 tokens of earlier text as the prompt. faster-whisper does that for
``initial_prompt`` (after tokenising all of it, on every request), but puts ``hotwords``
(nova-3's ``keyterm``) in front of it with a budget of its own: with both, a window's prompt
can fill all 448 tokens and leave none for the transcript (an empty result). A long prompt
also costs on every decoding step and every temperature fallback.

So the engine gives the decoder at most :data:`PROMPT_TOKEN_LIMIT` tokens of context, as
Whisper does: turbo's ``prefix`` first (the start of the transcript: its first whole words,
at most :data:`PREFIX_TOKEN_LIMIT` tokens; faster-whisper alone keeps 223 tokens of it on top
of a full prompt), then key terms (whole words, in the order given, at most
:data:`KEYTERM_TOKEN_LIMIT` tokens), then the end of ``initial_prompt``. Later windows of long
audio add up to 223 tokens of the previous window's text after the key terms; the key-term
limit is half of 223 so that at least 100 tokens are left for each window's transcript.
"""

from __future__ import annotations

from typing import Any

import attrs

PROMPT_TOKEN_LIMIT = 223
"""Whisper's prompt length: half its 448-token text context, less the start-of-prompt token."""
KEYTERM_TOKEN_LIMIT = PROMPT_TOKEN_LIMIT // 2
"""Tokens of key terms (``hotwords``) the decoder gets; words past it are left out."""
PREFIX_TOKEN_LIMIT = PROMPT_TOKEN_LIMIT // 2
"""Tokens of turbo's ``prefix`` the decoder gets (its first whole words)."""


@attrs.frozen
class FittedPrompt:
    """What the decoder is given: ``hotwords`` and ``prefix`` text, ``initial_prompt`` ids."""

    hotwords: str | None
    initial_prompt: list[int] | None
    keyterm_tokens: int
    prompt_tokens: int
    prefix: str | None = None
    prefix_tokens: int = 0

    @property
    def tokens(self) -> int:
        """Context tokens in the first window's prompt (prefix, key terms and prompt)."""
        return self.prefix_tokens + self.keyterm_tokens + self.prompt_tokens


def _encode(tokenizer: Any, text: str) -> list[int]:
    # As faster-whisper encodes both: a leading space, no special tokens.
    ids: list[int] = tokenizer.encode(" " + text.strip(), add_special_tokens=False).ids
    return ids


def _fit_words(tokenizer: Any, text: str, limit: int) -> tuple[str, int]:
    words = text.split()
    while words:
        joined = " ".join(words)
        count = len(_encode(tokenizer, joined))
        if count <= limit:
            return joined, count
        # Drop words in proportion to the excess (BPE merges make it inexact), at least one.
        keep = min(len(words) - 1, len(words) * limit // count)
        words = words[:keep]
    return "", 0


def fit_prompt(
    tokenizer: Any,
    *,
    hotwords: str | None,
    initial_prompt: str | None,
    prefix: str | None = None,
    limit: int = PROMPT_TOKEN_LIMIT,
    keyterm_limit: int = KEYTERM_TOKEN_LIMIT,
    prefix_limit: int = PREFIX_TOKEN_LIMIT,
) -> FittedPrompt:
    """Cut ``prefix``, ``hotwords`` and ``initial_prompt`` to the budget, in that order;
    ``tokenizer`` is the model's Hugging Face tokenizer (``WhisperModel.hf_tokenizer``)."""
    start, prefix_tokens = ("", 0)
    if prefix and prefix.strip():
        start, prefix_tokens = _fit_words(tokenizer, prefix, min(prefix_limit, limit))
    words, keyterm_tokens = ("", 0)
    if hotwords and hotwords.strip():
        words, keyterm_tokens = _fit_words(
            tokenizer, hotwords, min(keyterm_limit, limit - prefix_tokens)
        )
    prompt_ids: list[int] | None = None
    if initial_prompt is not None and initial_prompt.strip():
        room = limit - prefix_tokens - keyterm_tokens
        ids = _encode(tokenizer, initial_prompt)
        prompt_ids = ids[len(ids) - room :] if len(ids) > room else ids
        if not prompt_ids:
            prompt_ids = None
    return FittedPrompt(
        hotwords=words or None,
        initial_prompt=prompt_ids,
        keyterm_tokens=keyterm_tokens,
        prompt_tokens=len(prompt_ids or ()),
        prefix=start or None,
        prefix_tokens=prefix_tokens,
    )
