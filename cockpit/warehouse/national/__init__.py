"""Public hospital data (ANAP Hospi Diag, DREES SAE), imported as published into tables of
their own, never mixed with the hospital's monthly extracts."""

from cockpit.warehouse.national.load import (
    NationalFileReport,
    NationalReport,
    import_national_files,
)
from cockpit.warehouse.national.schema import NATIONAL_TABLES

__all__ = ["NATIONAL_TABLES", "NationalFileReport", "NationalReport", "import_national_files"]
