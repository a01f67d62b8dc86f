"""Engines that run the pipeline over many articles: local worker processes, or a Ray cluster.

Both read with ``read``, skip articles the store already holds, and write in the store's schemas.
"""
