"""Finding a known phrase among a question's words, fuzzily and in order.

A metric phrase needs all its words (« taux … occupation »), with at most one
unrelated word between two of them; a place name may be said in part (« ortho » for
« Chirurgie orthopédique », « soins de suite »), its words side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.nl.function_words import GLUE
from cockpit.nl.normalize import GAP

Similar = list[dict[str, float]]  # per question word: known word → similarity


@dataclass(frozen=True)
class Found:
    indices: frozenset[int]  # the question's words used
    score: float  # characters covered, weighted by similarity
    coverage: float  # share of the phrase's characters covered
    weakest: float = 1.0  # the loosest word match used


def _content(ws: list[str], i: int) -> bool:
    return ws[i] != GAP and ws[i] not in GLUE


def find_all_words(ws: list[str], similar: Similar, words: tuple[str, ...]) -> Found | None:
    """Every word of `words`, in order, at most one other content word between two."""
    best: Found | None = None
    for start in range(len(ws)):
        if words[0] not in similar[start]:
            continue
        used, score, last = [start], similar[start][words[0]] * len(words[0]), start
        for word in words[1:]:
            nxt = _next_match(ws, similar, word, last, allowed_between=1)
            if nxt is None:
                break
            used.append(nxt)
            score += similar[nxt][word] * len(word)
            last = nxt
        else:
            total = sum(len(w) for w in words)
            if best is None or score > best.score:
                best = Found(frozenset(used), score, score / total)
    return best


def _next_match(ws, similar, word, after: int, allowed_between: int) -> int | None:
    between = 0
    for i in range(after + 1, len(ws)):
        if word in similar[i]:
            return i
        if _content(ws, i):
            between += 1
            if between > allowed_between:
                return None
    return None


def find_parts(ws: list[str], similar: Similar, words: tuple[str, ...]) -> list[Found]:
    """Every run of the question's words saying some of `words`, in order, side by side
    (« chirurgie viscérale ou digestive » says « Chirurgie digestive » once in part)."""
    total = sum(len(w) for w in words)
    found: dict[frozenset[int], Found] = {}
    for start in range(len(ws)):
        for j, word in enumerate(words):
            if word not in similar[start]:
                continue
            used, score, i = [start], similar[start][word] * len(word), start
            weakest = similar[start][word]
            for k in range(j + 1, len(words)):
                nxt = _next_content(ws, i)
                if nxt is None:
                    break
                if words[k] in similar[nxt]:
                    used.append(nxt)
                    score += similar[nxt][words[k]] * len(words[k])
                    weakest = min(weakest, similar[nxt][words[k]])
                    i = nxt
            indices = frozenset(used)
            if indices not in found or found[indices].score < score:
                found[indices] = Found(indices, score, score / total, weakest)
    return list(found.values())


def _next_content(ws: list[str], i: int) -> int | None:
    for k in range(i + 1, len(ws)):
        if ws[k] == GAP:
            return None
        if ws[k] not in GLUE:
            return k
    return None
