from asn_merit.schemas import regenerate

regenerate()
