"""The per-article coding stages: nlp, actors, events, modality, where, when and stance.

Each stage module registers its function in ``context``; ``eventwire.pipeline`` runs them in order.
Nothing here imports the pipeline.
"""
