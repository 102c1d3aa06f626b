"""The contract of ``knowledge/texts/pictures.yaml``: every text on the map and timeline pictures,
in their captions and in the picture commands' replies, and the placeholders each may use.

Add a text here when the code starts formatting a new key; the drift test
(``tests/test_text_contracts.py``) fails when the code formats a key this contract lacks.
"""

from __future__ import annotations

from bot.knowledge.textcontract import TextContract, text

PICTURE_TEXTS = TextContract(
    area="pictures",
    texts={
        "prize_name": text(),
        "credit": text(),
        "source_line": text("version"),
        "map.title_all": text("first", "last"),
        "map.title_year": text("label"),
        "map.legend.winner": text(),
        "map.legend.nominee": text(),
        "map.legend.other_all": text(),
        "map.legend.other_all_unknown": text(),
        "map.legend.other_year": text(),
        "map.legend.other_year_unknown": text(),
        "map.winner_label": text("municipality", "years"),
        "map.winner_label_other_name": text("municipality", "name", "year"),
        "map.former_name": text("municipality", "name"),
        "map.district": text("municipality", "name"),
        "map.other_name": text("municipality", "name"),
        "map.names_heading": text(),
        "map.inset_title": text(),
        "map.name_note": text("text", "years"),
        "map.no_prize": text("label"),
        "map.unknown": text("label"),
        "map.merged": text("label", "target", "target_label"),
        "map.open": text("label"),
        "map.nominees_unknown": text("label"),
        "map.nominees_partial": text("count", "named"),
        "map.winner_unknown": text("label"),
        "timeline.title": text("first", "last", "prize"),
        "timeline.subtitle": text(),
        "timeline.no_prize": text(),
        "timeline.merged": text("label"),
        "timeline.unknown": text(),
        "timeline.open": text(),
        "timeline.legend.awarded": text(),
        "timeline.legend.no_prize": text(),
        "timeline.legend.unknown": text(),
        "caption.map_all": text("first", "last", "prize"),
        "caption.map_year": text("label", "prize", "winner"),
        "caption.map_year_no_winner": text("label", "prize"),
        "caption.nominees": text("names"),
        "caption.nominees_unknown": text(),
        "caption.nominees_partial": text("count", "names"),
        "caption.no_prize": text("label"),
        "caption.unknown": text("label"),
        "caption.merged": text("label", "target", "target_label"),
        "caption.names": text("names"),
        "caption.timeline": text("first", "last", "prize"),
        "caption.sources": text("sources"),
        "handlers.bad_year": text("arg", "first", "last"),
        "handlers.year_out_of_range": text("first", "last"),
        "handlers.failed": text(),
        "handlers.not_ready": text(),
    },
)
