from outliner.document import SentenceKind
from outliner.stages.read import normalise, read


def test_normalise_repairs_hand_typed_spacing() -> None:
    assert normalise("Ballu  is a gangster . He escapes") == "Ballu is a gangster. He escapes"
    assert normalise("return back.Ballu meanwhile") == "return back. Ballu meanwhile"
    assert normalise("kill Ballu,stops the police") == "kill Ballu, stops the police"
    assert normalise("it cost 1,000 dollars in the U.S.") == "it cost 1,000 dollars in the U.S."
    assert normalise("a\r\nb\rc") == "a\nb\nc"


def test_sentences_and_paragraphs() -> None:
    doc = read("Dr. Smith arrives. He leaves.\nA second paragraph starts here.")
    assert [s.text for s in doc.sentences] == [
        "Dr. Smith arrives.",
        "He leaves.",
        "A second paragraph starts here.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]
    assert [s.index for s in doc.sentences] == [0, 1, 2]


def test_heading_lines_become_the_title() -> None:
    for text in (
        "# The Escape\nBallu escapes.",
        "Title: The Escape\nBallu escapes.",
        "The Escape\nBallu escapes.",
    ):
        doc = read(text)
        assert doc.heading == "The Escape"
        assert doc.sentences[0].kind is SentenceKind.HEADING
        assert [s.text for s in doc.plot] == ["Ballu escapes."]


def test_a_punctuated_first_line_is_plot_not_a_heading() -> None:
    doc = read("A guard goes undercover.\nBallu escapes.")
    assert doc.heading is None
    assert len(doc.plot) == 2


def test_a_single_unpunctuated_line_is_the_synopsis() -> None:
    doc = read("Ballu escapes from jail")
    assert doc.heading is None
    assert [s.text for s in doc.plot] == ["Ballu escapes from jail"]
