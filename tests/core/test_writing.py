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


def test_permissions_follow_umask_and_existing_file(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        target = write_atomically(tmp_path / "recipe.yaml", "a: 1\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o664)
        write_atomically(target, "a: 2\n", force=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
    finally:
        os.umask(old)
