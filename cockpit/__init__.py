"""Cockpit: a phone-first steering dashboard for French public hospitals."""

__version__ = "0.1.0"
