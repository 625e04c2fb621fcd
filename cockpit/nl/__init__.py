"""Offline natural-language questions → QueryPlan (no network, no model weights).

Pipeline (small named steps, see ask.py): normalize → intent → metric →
dimensions → period → compare/grain → plan → engine.validate → engine.run → answer.
"""
