"""Limits of `recipegen validate` on large or hostile files (issue 12 bounds, issue 17 kinds):
one line, exit 2, no internal error; a large lockfile without aliases is not called an alias bomb."""

from click.testing import CliRunner

from recipegen.cli import main
from recipegen.validation.kinds import LOCK_MAX_BYTES, kind_named


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _lock(packages: int) -> str:
    entry = (
        "- name: p{i}\n  version: '1'\n  manager: conda\n  platform: linux-64\n  dependencies: {{}}\n"
        "  url: https://conda.anaconda.org/conda-forge/linux-64/p{i}-1-0.conda\n  hash: {{md5: '{md5}'}}\n"
    )
    head = (
        "version: 1\nmetadata:\n  content_hash: {}\n  channels: []\n  platforms: [linux-64]\n  sources: []\npackage:\n"
    )
    return head + "".join(entry.format(i=i, md5="0" * 32) for i in range(packages))


def test_a_json_integer_of_5000_digits_is_one_line_at_its_position(tmp_path):
    path = tmp_path / "info" / "index.json"
    path.parent.mkdir()
    path.write_text('{"name": "x",\n "build_number": ' + "9" * 5000 + "}")
    result = run("validate", path)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert f"error: {path}:2:18: invalid JSON: an integer with more than 4300 digits" in result.stderr


def test_a_lockfile_larger_than_the_yaml_node_limit_of_recipes_is_read(tmp_path):
    path = tmp_path / "conda-lock.yml"
    path.write_text(_lock(4000))  # ~60,000 nodes, 1 MB: more nodes than any recipe, a real lockfile's size
    result = run("validate", path)
    assert result.exit_code == 0, result.output


def test_a_lockfile_over_the_node_limit_is_not_called_an_alias_bomb(monkeypatch):
    from recipegen.problems import InputError
    from recipegen.validation import kinds
    from recipegen.validation.load import load_text

    monkeypatch.setattr(kinds, "LOCK_MAX_NODES", 1000)  # the real limit, 250,000 nodes, takes seconds to reach
    try:
        load_text(_lock(200), "conda-lock.yml", kind_named("conda-lock"))
    except InputError as exc:
        assert "more than 1000 YAML nodes" in exc.message and "alias" not in exc.message
    else:
        raise AssertionError("a lockfile over the node limit was read")


def test_a_lockfile_over_its_byte_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "conda-lock.yml"
    path.write_text("# padding\n" * (LOCK_MAX_BYTES // 10 + 1))
    result = run("validate", path)
    assert result.exit_code == 2
    assert f"more than the {LOCK_MAX_BYTES} read for conda-lock" in result.stderr
