"""The one registry of intents: question understanding scores a question against each, the pipeline
answers with the winner. Add an intent by writing its module and listing it here."""

from __future__ import annotations

from bot.intents.base import AnswerContext, Intent
from bot.intents.body_indicators import BodyIndicatorsIntent
from bot.intents.budget import BudgetIntent
from bot.intents.count import CountIntent
from bot.intents.cross_plan import CrossPlanIntent
from bot.intents.free import FreeTextIntent
from bot.intents.goals import GoalsIntent
from bot.intents.indicator_text import IndicatorTextIntent
from bot.intents.legal_bases import LegalBasesIntent
from bot.intents.listing import ListIntent
from bot.intents.meta import MetaIntent
from bot.intents.owner import OwnerIntent
from bot.intents.period import PeriodIntent
from bot.intents.plan_duties import PlanDutiesIntent
from bot.intents.recipients import RecipientsIntent
from bot.intents.reporting import ReportingIntent
from bot.intents.signer import SignerIntent
from bot.intents.steering import SteeringIntent
from bot.intents.summary import SummaryIntent
from bot.intents.target import TargetIntent
from bot.intents.task_owner import TaskOwnerIntent

INTENTS: list[Intent] = [
    SummaryIntent(),
    CrossPlanIntent(),
    CountIntent(),
    MetaIntent(),
    BodyIndicatorsIntent(),
    ListIntent(),
    OwnerIntent(),
    TargetIntent(),
    IndicatorTextIntent(),
    FreeTextIntent(),
    # Answered from a plan's typed facts (ingest.plan_facts): goals, reporting, budget, legal bases, period,
    # steering bodies, recipients, signer and each body's duty items.
    ReportingIntent(),
    BudgetIntent(),
    GoalsIntent(),
    LegalBasesIntent(),
    SignerIntent(),
    RecipientsIntent(),
    SteeringIntent(),
    PeriodIntent(),
    PlanDutiesIntent(),
    TaskOwnerIntent(),
]
BY_NAME: dict[str, Intent] = {i.name: i for i in INTENTS}

__all__ = ["BY_NAME", "INTENTS", "AnswerContext", "Intent"]
