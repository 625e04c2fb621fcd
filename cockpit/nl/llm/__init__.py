"""The LLM planner: a LangChain chat model fills a catalog-bound plan draft; deterministic
code handles refusals, periods and entity resolution, and validates everything it returns.

Nothing here imports LangChain at import time: only `model.chat_model` does, when asked.
"""
