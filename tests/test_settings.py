from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from shield.settings import Settings


def test_defaults_derive_from_the_data_dir(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    assert s.resolved_database_url == f"sqlite:///{tmp_path / 'shield.db'}"
    assert s.resolved_vault_dir == tmp_path / "vault"
    assert s.region == "GB" and s.host == "127.0.0.1" and s.port == 8000
    assert s.has_default_secret()


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHIELD_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SHIELD_REGION", "ie")
    monkeypatch.setenv("SHIELD_SECRET_KEY", "a-long-random-value-nobody-guesses")
    monkeypatch.setenv("SHIELD_VAULT_DIR", str(tmp_path / "elsewhere"))
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.data_dir == tmp_path and s.region == "IE"
    assert s.resolved_vault_dir == tmp_path / "elsewhere"
    assert not s.has_default_secret()
    assert "a-long-random" not in repr(s)  # secrets never print


def test_bad_region_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(region="Great Britain", _env_file=None)  # type: ignore[call-arg]
