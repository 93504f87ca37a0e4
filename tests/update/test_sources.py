"""The sources of a bump: the URL the recipe renders to is what is checked and downloaded —
hashed folders, literal versions and PEP 625 file names rewritten, md5 and git sources, yanked
releases (recorded PyPI answers: fixtures/update/responses)."""

from __future__ import annotations

import json

import pytest
from recipegen.generators.pypi.record import replay_transport

from recipegen.http import Response
from recipegen.update.pipeline import Options, update_recipe
from recipegen.update.report import json_report, text_report
from recipegen.update.sources import _filters

from .conftest import RESPONSES, make_services, recorded, run_update


def digest_of(label: str, file: str, kind: str = "sha256") -> str:
    digests = json.loads((RESPONSES / label / "digests.json").read_text())
    return next(v[kind] for url, v in digests.items() if url.endswith("/" + file))


PLUGGY_INDEX_FOLDER = "bf/db/7fc19e6f2dc92a966727031389fc2e08b558f0f25eb7403c1119ad4713cd"


def write(tmp_path, name: str, text: str):
    folder = tmp_path / "recipe"
    folder.mkdir(parents=True)
    (folder / name).write_text(text)
    return folder / name


def test_a_hashed_url_gets_the_new_files_folder(tmp_path):
    """review1 #2: `…/packages/a1/16/<hash>/pluggy-{{ version }}.tar.gz` keeps 1.0.0's folder,
    where 1.7.0 is a 404: the folder is rewritten, and that URL is what was downloaded."""
    result, _before, after = run_update(tmp_path, "pluggy-v0", "pluggy", version="1.7.0")
    assert result.status == "updated", result.error
    url = f"https://files.pythonhosted.org/packages/{PLUGGY_INDEX_FOLDER}/pluggy-{{{{ version }}}}.tar.gz"
    assert f"  url: {url}\n" in after and "a1/16/db2d7de" not in after
    assert result.sources[0].new_urls == (url.replace("{{ version }}", "1.7.0"),)
    assert result.sources[0].verified == "matches the index's sha256"  # the recipe's own URL answered
    assert digest_of("pluggy", "pluggy-1.7.0.tar.gz") in after


LITERAL = """package:
  name: pluggy
  version: "1.0.0"
source:
  url: {url}
  {kind}: {digest}
build:
  number: 0
  noarch: python
requirements:
  host:
    - python {{{{ python_min }}}}
    - pip
  run:
    - python >={{{{ python_min }}}}
"""
OLD_SHA = "4224373bacce55f955a878bf9cfa763c1e360858e330072059e10bad68531159"
HASHED_OLD = (
    "https://files.pythonhosted.org/packages/a1/16/db2d7de3474b6e37cbb9c008965ee63835bba517e22cdb8c35b5116b5ce1"
)


@pytest.mark.parametrize(
    ("old_url", "new_url"),
    [
        (f"{HASHED_OLD}/pluggy-1.0.0.tar.gz", f"https://files.pythonhosted.org/packages/{PLUGGY_INDEX_FOLDER}/pluggy-1.7.0.tar.gz"),
        ("https://pypi.io/packages/source/p/pluggy/pluggy-1.0.0.tar.gz", "https://pypi.io/packages/source/p/pluggy/pluggy-1.7.0.tar.gz"),
    ],
    ids=["hashed", "source"],
)  # fmt: skip
def test_a_literal_url_of_the_old_release_follows(tmp_path, old_url, new_url):
    """A URL that does not follow the version would keep the old file under the new version."""
    path = write(tmp_path, "meta.yaml", LITERAL.format(url=old_url, kind="sha256", digest=OLD_SHA))
    result = update_recipe(path, Options(version="1.7.0"), make_services(tmp_path, "pluggy"))
    assert result.status == "updated", result.error
    text = path.read_text()
    assert f"  url: {new_url}\n" in text and digest_of("pluggy", "pluggy-1.7.0.tar.gz") in text


def test_a_url_naming_another_file_than_the_index_is_refused(tmp_path):
    """The URL the recipe renders to must be PyPI's file: a `.zip` the index does not have is
    one line, nothing written (it would 404 however its digest was computed)."""
    recipe = LITERAL.format(url="https://pypi.io/packages/source/p/pluggy/pluggy-{{ version }}.zip", kind="sha256",
                            digest=OLD_SHA).replace('version: "1.0.0"', 'version: "{{ version }}"')  # fmt: skip
    path = write(tmp_path, "meta.yaml", '{% set version = "1.0.0" %}\n' + recipe)
    before = path.read_text()
    result = update_recipe(path, Options(version="1.7.0"), make_services(tmp_path, "pluggy"))
    assert result.status == "failed" and "pluggy-1.7.0.tar.gz" in result.error and "\n" not in result.error
    assert path.read_text() == before


def test_pep625_sdist_name_becomes_a_filter_on_the_recipes_expression(tmp_path):
    """review1 #15: pyyaml 6.0 → 6.0.4, whose sdist is now `pyyaml-6.0.4.tar.gz`."""
    result, _before, after = run_update(tmp_path, "pyyaml-v0", "pyyaml", version="6.0.4")
    assert result.status == "updated", result.error
    line = "  url: https://pypi.io/packages/source/{{ name[0] }}/{{ name }}/{{ name | lower }}-{{ version }}.tar.gz\n"
    assert line in after
    assert result.sources[0].new_urls == ("https://pypi.io/packages/source/P/PyYAML/pyyaml-6.0.4.tar.gz",)
    assert digest_of("pyyaml", "pyyaml-6.0.4.tar.gz") in after


def test_pep625_filters():
    assert _filters("PyYAML", "pyyaml") == " | lower"
    assert _filters("zope.interface", "zope_interface") == ' | replace(".", "_")'
    assert _filters("Flask-Cors", "flask_cors") == ' | replace("-", "_") | lower'
    assert _filters("pyyaml", "ruamel_yaml") is None


def test_an_md5_source_gets_the_new_md5_checked_by_the_index_sha256(tmp_path):
    """review1 #19: an md5 source is not reported as "matches the index's sha256" alone."""
    url = "https://pypi.io/packages/source/p/pluggy/pluggy-{{ version }}.tar.gz"
    text = '{% set version = "1.0.0" %}\n' + LITERAL.format(
        url=url, kind="md5", digest="daa6fddfb6cd364f3c82e52098911e4b"
    )
    path = write(tmp_path, "meta.yaml", text.replace('version: "1.0.0"', "version: {{ version }}"))
    result = update_recipe(path, Options(version="1.7.0"), make_services(tmp_path, "pluggy"))
    assert result.status == "updated", result.error
    md5 = digest_of("pluggy", "pluggy-1.7.0.tar.gz", "md5")
    assert f"  md5: {md5}\n" in path.read_text()
    assert result.sources[0].kind == "md5" and result.sources[0].verified.startswith("its sha256 matches the index's")
    assert f": md5 {md5} (its sha256 matches" in text_report(result)


GIT_ONLY = """{% set version = "1.0.0" %}
package:
  name: pluggy
  version: {{ version }}
source:
  git_url: https://github.com/pytest-dev/pluggy.git
  git_rev: {{ version }}
build:
  number: 0
  noarch: python
requirements:
  host:
    - python
    - pip
  run:
    - python
"""

URL_AND_GIT = """context:
  version: "1.0.0"
package:
  name: pluggy
  version: ${{ version }}
source:
  - url: https://pypi.org/packages/source/p/pluggy/pluggy-${{ version }}.tar.gz
    sha256: 4224373bacce55f955a878bf9cfa763c1e360858e330072059e10bad68531159
  - git: https://github.com/pytest-dev/pluggy.git
    rev: 1.0.0
    target_directory: upstream-tests
build:
  number: 0
  noarch: python
requirements:
  host:
    - python ${{ python_min }}.*
    - pip
  run:
    - python >=${{ python_min }}
"""


def test_git_sources_are_followed_and_reported(tmp_path):
    """review1 #17: a git-only recipe finds its PyPI project (the repository its project URLs
    name); a git source's revision is reported, moved or not."""
    path = write(tmp_path / "git", "meta.yaml", GIT_ONLY)
    result = update_recipe(path, Options(version="1.7.0"), make_services(tmp_path, "pluggy"))
    assert result.status == "updated", result.error
    assert result.upstream == "pluggy on PyPI"
    assert any("rev 1.0.0 → 1.7.0" in note for note in result.notes)
    path = write(tmp_path / "both", "recipe.yaml", URL_AND_GIT)
    result = update_recipe(path, Options(version="1.7.0"), make_services(tmp_path, "pluggy"))
    assert result.status == "updated", result.error
    note = next(n for n in result.notes if n.startswith("git source"))
    assert note == "git source https://github.com/pytest-dev/pluggy.git stays at rev 1.0.0: check it for 1.7.0"


def test_a_yanked_release_is_said_prominently(tmp_path):
    """review1 #16: click 8.2.2 is yanked upstream."""
    result, _before, _after = run_update(tmp_path, "click-v0", "click", version="8.2.2")
    assert result.status == "updated" and result.yanked
    assert text_report(result).splitlines()[1].startswith("  YANKED upstream: 8.2.2 is yanked on PyPI")
    item = json.loads(json_report([result]))["results"][0]
    assert item["yanked"] is True and item["notes"][0] == "8.2.2 is yanked upstream"


def test_the_newest_release_skips_yanked_ones(tmp_path):
    """Without --version: the newest final release that is not yanked. The recorded index,
    with 8.5.1 (the newest) yanked too: 8.2.2 is yanked, so 8.0.4."""
    replay = replay_transport(*recorded("click"))

    def transport(url: str) -> Response:
        response = replay(url)
        if not url.endswith("/click/json"):
            return response
        document = json.loads(response.content)
        for item in document["urls"] + document["releases"]["8.5.1"]:
            item["yanked"] = True
        return Response(response.url, 200, json.dumps(document).encode(), response.headers)

    services = make_services(tmp_path, "click", transport=transport)
    assert services.pypi().release("click").version == "8.0.4"
    assert services.pypi().release("click", "8.2.2").version == "8.2.2"  # asked for by version: given
