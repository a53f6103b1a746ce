"""One typed settings object, read from SHIELD_* environment variables (and a .env file)."""

from __future__ import annotations

import getpass
import ipaddress
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Secrets that ship in examples and must never guard a public address.
KNOWN_DEFAULT_SECRETS = frozenset({"", "change-me", "changeme", "secret", "shield", "dev"})


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SHIELD_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: Path(user_data_dir("shield", appauthor=False)),
        description="Where the database and the vault live unless set separately.",
    )
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: SQLite file shield.db in data_dir."
    )
    vault_dir: Path | None = Field(default=None, description="Default: data_dir/vault.")
    vault_key: SecretStr | None = Field(
        default=None, description="32-byte key (hex or base64) to encrypt evidence at rest."
    )
    region: str = Field(default="GB", description="Region for phone numbers without +country.")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    secret_key: SecretStr | None = Field(
        default=None, description="Signs staff sessions; required off loopback."
    )
    actor: str = Field(default_factory=_actor, description="Who custody events name.")
    hash_pipeline: Literal["pdq-1", "pdq-2"] = Field(
        default="pdq-2",
        description="Photo hashing pipeline version; pdq-1 re-makes hashes of older banks.",
    )
    guidance_file: Path | None = Field(
        default=None,
        description="A helpline's own edited guidance YAML; default: the file Shield ships.",
    )

    @field_validator("region")
    @classmethod
    def _upper_region(cls, value: str) -> str:
        value = value.strip().upper()
        if len(value) != 2 or not value.isalpha():
            raise ValueError("region must be a two-letter country code such as GB")
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'shield.db'}"

    @property
    def resolved_vault_dir(self) -> Path:
        return self.vault_dir or self.data_dir / "vault"

    def has_default_secret(self) -> bool:
        return (
            self.secret_key is None
            or self.secret_key.get_secret_value().strip().lower() in KNOWN_DEFAULT_SECRETS
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
