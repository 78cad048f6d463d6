from neurona.text import lowercase


def test_the_slide_canada_and_tomcat():
    assert lowercase(["Canada", "CANADA", "toMcat"]) == ["canada", "canada", "tomcat"]


def test_empty_and_non_ascii():
    assert lowercase([]) == []
    assert lowercase(["ÁRBOL", "Ñandú"]) == ["árbol", "ñandú"]


def test_the_input_list_is_not_changed():
    tokens = ["A"]
    lowercase(tokens)
    assert tokens == ["A"]
