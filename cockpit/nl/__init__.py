"""Questions in French or English → QueryPlan, offline (no network, no model weights).

One step per module (see planner.py and docs/questions.md): normalize → dictation →
spelling (fuzzy) → intent and people (refusals) → compare → periods → grouping → ranking →
linking (metrics, entities) → planner (decide, clarify) → context (follow-ups) → ask
(engine.validate, engine.run) → answer (the sentence).
"""
