"""The one registry of intents: question understanding scores a question against each, the pipeline
answers with the winner. Add an intent by writing its module and listing it here."""

from __future__ import annotations

from bot.intents.base import AnswerContext, Intent
from bot.intents.body_duties import BodyDutiesIntent
from bot.intents.body_indicators import BodyIndicatorsIntent
from bot.intents.count import CountIntent
from bot.intents.cross_plan import CrossPlanIntent
from bot.intents.free import FreeTextIntent
from bot.intents.indicator_text import IndicatorTextIntent
from bot.intents.listing import ListIntent
from bot.intents.meta import MetaIntent
from bot.intents.owner import OwnerIntent
from bot.intents.summary import SummaryIntent
from bot.intents.target import TargetIntent

INTENTS: list[Intent] = [
    SummaryIntent(),
    CrossPlanIntent(),
    CountIntent(),
    MetaIntent(),
    BodyIndicatorsIntent(),
    BodyDutiesIntent(),
    ListIntent(),
    OwnerIntent(),
    TargetIntent(),
    IndicatorTextIntent(),
    FreeTextIntent(),
]
BY_NAME: dict[str, Intent] = {i.name: i for i in INTENTS}

__all__ = ["BY_NAME", "INTENTS", "AnswerContext", "Intent"]
