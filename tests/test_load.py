"""The YAML loader: lines kept, duplicate keys refused, unreadable files described."""
from __future__ import annotations

from generator.load import format_path, load_yaml


def load(tmp_path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path, "content/x.yaml")


def test_each_value_keeps_the_line_of_its_key(tmp_path):
    loaded = load(tmp_path, "a: 1\nitems:\n  - name: one\n  - name: two\n")
    assert loaded.data == {"a": 1, "items": [{"name": "one"}, {"name": "two"}]}
    assert loaded.line(("a",)) == 1
    assert loaded.line(("items",)) == 2
    assert loaded.line(("items", 1, "name")) == 4
    assert loaded.line(("items", 1, "missing")) == 4  # nearest ancestor


def test_a_duplicate_key_is_a_problem_and_the_first_value_is_kept(tmp_path):
    loaded = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in loaded.problems] == ["content/x.yaml:3: a: expected each key once per mapping, got 'a' again (first on line 1)"]
    assert loaded.data["a"] == 1


def test_a_duplicate_key_deep_inside_is_located(tmp_path):
    loaded = load(tmp_path, "faqs:\n  - id: a\n    answers:\n      - text: x\n        text: y\n")
    assert [str(p) for p in loaded.problems] == ["content/x.yaml:5: faqs[0].answers[0].text: expected each key once per mapping, got 'text' again (first on line 4)"]


def test_a_byte_order_mark_is_accepted(tmp_path):
    assert load(tmp_path, "\ufeffa: 1\n").data == {"a": 1}


def test_bytes_that_are_not_utf8_are_named_with_their_line(tmp_path):
    loaded = load(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert [str(p) for p in loaded.problems] == ["content/x.yaml:2: (file): expected UTF-8 text, got the byte 0xe9 at offset 11"]


def test_binary_data_is_refused(tmp_path):
    loaded = load(tmp_path, b"a: 1\n\x00\x01")
    assert loaded.problems and loaded.problems[0].expected == "UTF-8 text"


def test_two_documents_in_one_file_are_refused(tmp_path):
    loaded = load(tmp_path, "a: 1\n---\nb: 2\n")
    assert loaded.problems[0].path == "(syntax)"
    assert "single document" in loaded.problems[0].got


def test_a_non_text_key_is_refused(tmp_path):
    loaded = load(tmp_path, "1: one\n")
    assert [str(p) for p in loaded.problems] == ["content/x.yaml:1: (file): expected text keys, got the key the number 1"]


def test_paths_read_like_the_yaml():
    assert format_path(("faqs", 2, "answers", 0, "text")) == "faqs[2].answers[0].text"
    assert format_path(()) == "(file)"
