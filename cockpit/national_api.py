"""GET /api/v1/national: a hospital against its peers in the public data, as JSON — the same
object as `cockpit national show --json`.

Logged in only (the guard runs first). The public figures are the same for everyone; the
hospital's own monthly figures beside them follow the caller's perimeter, taken from the
server-side user. Errors are JSON: 400 a bad parameter, 404 a FINESS in no public file,
503 no public data imported yet.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, request

from cockpit.auth import audit, current_perimeter
from cockpit.engine import WarehouseMissing
from cockpit.national.service import NationalError, NoNationalData, UnknownFiness, national_for

national_api = Blueprint("cockpit_national_api", __name__, url_prefix="/api/v1")


def _error(status: int, code: str, message: str):
    response = jsonify(error=code, message=message)
    response.status_code = status
    return response


@national_api.errorhandler(NationalError)
def _national_error(exc: NationalError):
    status = {UnknownFiness: 404, NoNationalData: 503}.get(type(exc), 400)
    audit("query", path=request.path, args=request.args.to_dict(), status=status, error=str(exc))
    return _error(status, exc.code, str(exc))


@national_api.errorhandler(WarehouseMissing)
def _no_warehouse(exc: WarehouseMissing):
    return _error(503, "no_warehouse", str(exc))


def _year(raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    if not (raw.strip().isdigit() and len(raw.strip()) == 4):
        raise NationalError(f"year must be a year written YYYY, not {raw[:20]!r}")
    return int(raw)


@national_api.get("/national")
def national():
    """`?finess=` a legal entity's or a site's FINESS (or an establishment of the monthly
    data; default: the caller's), `&year=YYYY` (default: each indicator's latest),
    `&peers=ID` a named peer group (default: same category and size)."""
    engine = current_app.extensions["cockpit_engine"]
    service = national_for(engine)
    perimeter = current_perimeter()
    finess = (request.args.get("finess") or "").strip()
    if not finess:
        mapping = service.mapping()
        mine = perimeter.establishment_id or next(
            (e for e in engine.establishments() if e in mapping), None
        )
        if mine is None:
            raise NationalError("finess is required, e.g. ?finess=840006597")
        finess = mine
    year = _year(request.args.get("year"))
    comparison = service.compare(
        finess, year=year, group_id=request.args.get("peers") or None, perimeter=perimeter
    )
    audit("query", path=request.path, national=comparison.finess, year=year, status=200,
          source="api")  # fmt: skip
    return jsonify(comparison.as_json())


def install_national_api(server: Flask) -> None:
    server.register_blueprint(national_api)
