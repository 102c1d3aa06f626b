"""Read the engine's own files from the fact base directory: intents, synonyms, texts, and the
understanding and frame rules and the regions (each checked, with file and line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.engine.frames import Frames, load_frames
from bot.engine.intents import IntentSpec, load_intents
from bot.engine.lexicon import Synonyms, load_synonyms
from bot.engine.regions import Region, load_compound_tails, load_regions
from bot.engine.texts import Texts, load_texts
from bot.engine.understanding import Understanding, load_understanding
from bot.knowledge.yamlio import KnowledgeError, KnowledgeIssue


@dataclass(frozen=True)
class EngineFiles:
    """The engine's own curated files, validated."""

    intents: dict[str, IntentSpec]
    synonyms: Synonyms
    texts: Texts
    understanding: Understanding
    frames: Frames
    regions: tuple[Region, ...] = ()
    compound_tails: tuple[str, ...] = ()


def load_engine_files(directory: Path) -> EngineFiles:
    """Read intents.yaml, synonyms.yaml, understanding.yaml, frames.yaml (its words read through
    the synonyms, its intents checked against intents.yaml) and texts/engine.yaml; raise with
    every issue."""
    issues: list[KnowledgeIssue] = []
    loaded: dict[str, object] = {}
    for key, loader in (
        ("intents", load_intents),
        ("synonyms", load_synonyms),
        ("texts", load_texts),
        ("understanding", load_understanding),
        ("regions", load_regions),
        ("compound_tails", load_compound_tails),
    ):
        try:
            loaded[key] = loader(directory)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
    if "synonyms" in loaded:
        synonyms: Synonyms = loaded["synonyms"]  # type: ignore[assignment]

        def canonical(word: str) -> str:
            key = tuple(word.split())
            return " ".join(synonyms.words.get(key, key))

        try:
            loaded["frames"] = load_frames(directory, canonical)
        except KnowledgeError as exc:
            issues.extend(exc.issues)
    if "frames" in loaded and "intents" in loaded:
        known = loaded["intents"]
        for rule in loaded["frames"].rules:  # type: ignore[attr-defined]
            if rule.intent not in known:  # type: ignore[operator]
                message = f"ukjent intensjon «{rule.intent}»"
                issues.append(KnowledgeIssue("knowledge/frames.yaml", rule.line, message))
    if issues:
        raise KnowledgeError(issues)
    texts = Texts(loaded["texts"])  # type: ignore[arg-type]
    return EngineFiles(
        loaded["intents"],  # type: ignore[arg-type]
        loaded["synonyms"],  # type: ignore[arg-type]
        texts,
        loaded["understanding"],  # type: ignore[arg-type]
        loaded["frames"],  # type: ignore[arg-type]
        loaded["regions"],  # type: ignore[arg-type]
        loaded["compound_tails"],  # type: ignore[arg-type]
    )
