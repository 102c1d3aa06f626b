"""Compose the answer to an understood question from the facts and the templates.

Python only picks facts, fills templates from ``knowledge/texts/engine.yaml`` and joins lists;
every sentence a user reads is in YAML. Each handler adds the sources of the facts it used.

- ``reply.py``: the :class:`Request` a handler answers and the :class:`Reply` it fills.
- ``known.py``: the fact base as known at a moment (the only place that builds it).
- ``common.py``: shared helpers (names, year lists, gaps and nearby winners, follow-ups, topics).
- topic modules: ``winners``, ``nominees``, ``places`` (with ``place_record``), ``counties``,
  ``counting``, ``prize``, ``ceremony``, ``voting``, ``pictures``, ``fixed``, and the profiles
  (``profiles``, ``profile_entries``, ``profile_projects``, ``profile_lines``,
  ``profile_people``, ``profile_votes``, ``profile_table``); every handler is
  ``(view, texts, request, reply) -> None``.
- ``table.py``: intent name → handler. **Add an intent's handler there.**
- ``composer.py``: :class:`Composer`, what the engine calls.
- ``outcome.py``: the engine's ``Answer`` from replies (two answers joined, refusals).
"""

from .composer import Composer
from .reply import MAX_CHARS, Reply, Request

__all__ = ["MAX_CHARS", "Composer", "Reply", "Request"]
