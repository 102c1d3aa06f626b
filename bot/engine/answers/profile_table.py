"""The profile answers' intents (issue 12), merged into ``table.HANDLERS``."""

from __future__ import annotations

from .profile_people import place_figures, place_people
from .profile_projects import place_projects, project
from .profile_votes import nominees_with_lines, vote_advice, vote_status
from .profiles import (
    nominated_why,
    place_profile,
    place_work,
    reasoning,
    winner,
)
from .reply import Handler

HANDLERS: dict[str, Handler] = {
    # new intents
    "nominated_why": nominated_why,
    "place_work": place_work,
    "place_figures": place_figures,
    "place_people": place_people,
    "vote_advice": vote_advice,
    # answers of other modules, extended with the profiles
    "winner": winner,
    "nominees": nominees_with_lines,
    "place_summary": place_profile,
    "reasoning": reasoning,
    "place_projects": place_projects,
    "project": project,
    "vote_status": vote_status,
}
"""Intent → handler for the profile answers (merged into ``table.HANDLERS``)."""
