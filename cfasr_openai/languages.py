"""A language code → the English name OpenAI's `verbose_json` reports (`en` → `english`).

OpenAI answers `language` with Whisper's lower-case English name of the language, not its
code. The names come from CLDR as `langcodes` and `language-data` maintain them (never a
table typed here): they are Whisper's own names for its languages (`yue` → cantonese, `ht` →
haitian creole). A code that is not a language tag (nova-3's `multi`) is passed on as it came.
"""

from __future__ import annotations

import functools

import langcodes

__all__ = ["TRANSLATION_LANGUAGE", "language_name"]

TRANSLATION_LANGUAGE = "english"
"""What a translation's `language` always is: Whisper translates into English only."""


@functools.cache
def language_name(code: str) -> str:
    """`code`'s English name in lower case (`en`, `en-US` → `english`); `code` itself when
    it names no known language."""
    try:
        language = langcodes.Language.get(code)
    except ValueError:  # langcodes' LanguageTagError: not a language tag at all
        return code
    if not language.is_valid() or language.language is None:
        return code
    return str(langcodes.Language.get(language.language).language_name("en")).lower()
