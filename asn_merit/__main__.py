from asn_merit.cli import main

main()
