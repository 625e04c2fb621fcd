"""National comparison: the hospital beside comparable hospitals in the public data
(ANAP Hospi Diag, DREES SAE), read through the engine."""
