"""Knowledge: validated data files and the indexes built from them.

Actors (``kb``), the CAMEO/PLOVER ontology and event lexicon (``ontology``), places
(``gazetteer``), word classes (``words``), their schemas (``schema``), and the import of
legacy PETRARCH/TABARI dictionaries (``petrarch``). The files live under ``data/``.
"""
