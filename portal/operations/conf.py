"""Retention periods and backups (portal.core.appsettings). The privacy policy states these
periods; its test checks that it does."""

from dataclasses import dataclass
from typing import ClassVar

from portal.core.appsettings import AppSettings, setting


@dataclass(frozen=True)
class OperationsSettings(AppSettings):
    prefix: ClassVar[str] = "PORTAL_"

    outbox_retention_days: int = setting(
        30,
        "Days the outbox keeps a sent email's body (links that expire sooner, such as password "
        "reset, are erased when they expire); the delivery record stays.",
    )
    audit_log_retention_days: int = setting(
        365, "Days the audit log (personal data viewed, exported, erased; roles) is kept."
    )
    backup_age_recipient: str = setting(
        "",
        "age public key (age1…): when set, backups are encrypted to it, so the server cannot "
        "read its own old backups.",
    )
    backup_age_identity_file: str = setting(
        "",
        "age private key file that restore reads (or --identity); keep it off the server.",
    )


def operations_settings() -> OperationsSettings:
    return OperationsSettings.load()
