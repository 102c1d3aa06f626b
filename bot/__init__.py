"""Prisbot: answers Norwegian questions about IMDi's Bosettings- og integreringspris."""

__version__ = "0.1.0"
