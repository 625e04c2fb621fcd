"""Well-known demo accounts, created only when `cockpit serve --demo-users` asks for them."""

from __future__ import annotations

from pathlib import Path

from cockpit.auth.audit_log import AuditLog
from cockpit.auth.users import UserStore
from cockpit.perimeter import Perimeter

VALLOMBRE, ROCHEBRUNE = "990000012", "990000020"

# (username, role, establishment FINESS, pole); the password is "demo-" + username.
DEMO_ACCOUNTS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("directeur", "director", None, None),
    ("controleur", "controller", None, None),
    ("analyste", "analyst", None, None),
    ("directeur-rochebrune", "director", ROCHEBRUNE, None),
    ("chef-chirurgie", "pole_manager", VALLOMBRE, "Chirurgie"),
    ("chef-medecine", "pole_manager", VALLOMBRE, "Médecine"),
)


def demo_password(username: str) -> str:
    return f"demo-{username}"


def ensure_demo_users(state_dir: Path) -> list[tuple[str, str, str, Perimeter]]:
    """Create the demo accounts that do not exist yet (existing ones are left as they are).

    Returns (username, password, role, perimeter) for every demo account; the
    password is the well-known demo one unless someone changed it since.
    """
    store = UserStore(Path(state_dir))
    audit = AuditLog(Path(state_dir))
    accounts = []
    for username, role, establishment_id, pole in DEMO_ACCOUNTS:
        if store.get(username) is None:
            store.add(
                username,
                demo_password(username),
                role,
                pole=pole,
                establishment_id=establishment_id,
            )
            audit.record(
                "user_added",
                username="cockpit serve --demo-users",
                address="cli",
                user=username,
                role=role,
                establishment_id=establishment_id,
                pole=pole,
            )
        accounts.append(
            (
                username,
                demo_password(username),
                role,
                Perimeter(establishment_id=establishment_id, pole=pole),
            )
        )
    return accounts
