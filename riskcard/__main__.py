from riskcard.entry import main

main()
