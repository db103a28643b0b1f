from asn_merit.launch import main

main()
