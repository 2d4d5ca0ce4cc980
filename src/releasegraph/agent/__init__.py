"""``releasegraph agent``: runs the work of AGENT phases on the machine it runs on.

It speaks only the public GraphQL API (``client``): it registers its slots, and each slot
(``worker.Slot``) claims, runs and reports one job at a time, streaming its log
(``logs``).
"""
