"""asn-merit: policy-driven, explainable merit scoring and fairness audit for ASN rosters."""

__version__ = "0.1.0"
