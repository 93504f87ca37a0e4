from recipegen import condaforge


def test_snapshot_facts():
    assert condaforge.global_python_min() == "3.10"
    assert condaforge.exists_on_conda_forge("numpy")
    assert not condaforge.exists_on_conda_forge("surely-not-a-conda-forge-package-xyz")
    pinned = condaforge.globally_pinned_packages()
    assert {"zlib", "openssl", "libcurl"} <= pinned
    assert "python" not in pinned
    assert "hints" in condaforge.package_hints()
