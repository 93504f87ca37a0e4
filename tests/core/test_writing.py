import pytest

from recipegen.writing import RefusedOverwrite, write_atomically


def test_writes_and_refuses_overwrite(tmp_path):
    target = tmp_path / "pkg" / "recipe.yaml"
    write_atomically(target, "a: 1\n")
    assert target.read_text() == "a: 1\n"
    with pytest.raises(RefusedOverwrite):
        write_atomically(target, "a: 2\n")
    assert target.read_text() == "a: 1\n"
    write_atomically(target, "a: 2\n", force=True)
    assert target.read_text() == "a: 2\n"
    assert [p.name for p in target.parent.iterdir()] == ["recipe.yaml"]
