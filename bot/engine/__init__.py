"""Answer engine: normalise → extract → pick intent → compose.

``engine.py`` understands a question and keeps the conversation; ``answers/`` composes the reply
(one handler per intent, listed in ``answers/table.py``).
"""
