"""Building blocks for the reminder tests: a tiny fact base, a settable clock, a Bot."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.clock import OSLO
from bot.knowledge.models import (
    Fact,
    KnowledgeBase,
    Moment,
    Prize,
    PrizeYear,
    ReminderRule,
    Source,
    VoteWindow,
    YearStatus,
)

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_"
SOURCE = Source("test", "Test: kilde", "https://example.org/kilde")
VOTE_URL = "https://www.imdi.no/stem"
RULES = (
    ReminderRule(
        "opens", "opens", 0, None, "Avstemningen {label} er åpen og stenger {closes}. {url}"
    ),
    ReminderRule(
        "closes-3d", "closes", -3, None, "Det er tre dager igjen. Stenger {closes}. {url}"
    ),
    ReminderRule("last-day-09", "closes", 0, time(9, 0), "Siste dag! Stenger {closes}. {url}"),
)


class SettableClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **kwargs: float) -> None:
        self.now = self.now + timedelta(**kwargs)


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=OSLO)  # type: ignore[misc]


def moment(day: date, at: time | None = None) -> Fact[Moment]:
    return Fact(Moment(day, at), (SOURCE,))


def prize_year(
    year: int,
    opens: Fact[Moment] | None,
    closes: Fact[Moment] | None,
    url: str | None = VOTE_URL,
    public: bool | None = True,
) -> PrizeYear:
    vote = VoteWindow(
        public=Fact(public, (SOURCE,)) if public is not None else None,
        opens=opens,
        closes=closes,
        url=Fact(url, (SOURCE,)) if url else None,
    )
    return PrizeYear(year=year, label=str(year), status=YearStatus.OPEN, vote=vote)


def make_kb(
    *years: PrizeYear, rules: tuple[ReminderRule, ...] = RULES, version: str = "v1"
) -> KnowledgeBase:
    """A minimal fact base: the given years and rules (texts fall back to the bundled file)."""
    fact = Fact("x", (SOURCE,))
    prize = Prize(
        name="Bosettings- og integreringsprisen",
        names=(),
        organiser_short="IMDi",
        organiser_full="Integrerings- og mangfoldsdirektoratet",
        organiser=fact,
        first_year=Fact(2008, (SOURCE,)),
        topics={},
        criteria=(),
        selection=(),
        directors=(),
    )
    return KnowledgeBase(
        prize=prize,
        years={y.year: y for y in years},
        municipalities=(),
        reminder_rules=rules,
        version=version,
    )


def window_kb(
    opens: tuple[date, time | None] | None,
    closes: tuple[date, time | None] | None,
    year: int = 2027,
    version: str = "v1",
) -> KnowledgeBase:
    """A fact base with one vote window."""
    return make_kb(
        prize_year(
            year,
            moment(*opens) if opens else None,
            moment(*closes) if closes else None,
        ),
        version=version,
    )


def make_bot(base_url: str, pool: int = 64) -> Bot:
    """A real PTB Bot talking to the fake server."""
    request = HTTPXRequest(connection_pool_size=pool, read_timeout=10, connect_timeout=5)
    return Bot(TOKEN, base_url=base_url, request=request)
