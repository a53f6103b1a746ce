"""Stages and risk: is a message or a conversation sextortion, how far has it gone, is someone
in danger, and why. Pure Python; the trained model is plain data given to ``Assessor``."""

from shield.core.assessment.assessor import (
    Assessor,
    ConversationAssessment,
    MessageAssessment,
    Reason,
    Said,
)
from shield.core.assessment.model import RiskModel

__all__ = [
    "Assessor",
    "ConversationAssessment",
    "MessageAssessment",
    "Reason",
    "RiskModel",
    "Said",
]
