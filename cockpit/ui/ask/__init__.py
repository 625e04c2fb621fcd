"""The Question screen's parts: examples, the answer card and its chart, how it was computed,
and the callback that answers."""
