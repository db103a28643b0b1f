"""asn-merit: policy-driven, explainable merit scoring and fairness audit for ASN rosters."""

import sys

# Before anything else is imported, so Python 3.10 says this rather than failing on a 3.11
# feature or a dependency; this file keeps to syntax old Pythons can parse.
if sys.version_info < (3, 11):  # noqa: UP036  (the point: pip may not have refused it)
    _found = f"{sys.version_info[0]}.{sys.version_info[1]}"
    sys.stderr.write(
        f"asn-merit memerlukan Python 3.11 atau lebih baru; ini Python {_found}.\n"
        f"asn-merit needs Python 3.11 or newer; this is Python {_found}. Install Python 3.11+ "
        "(python.org, or 'py -3.11' on Windows) and create the venv with it.\n")
    raise SystemExit(2)

__version__ = "0.1.0"
