from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
REAL_V1 = FIXTURES / "recipes" / "v1"
REAL_V0 = FIXTURES / "recipes" / "v0"
BROKEN = FIXTURES / "broken"
