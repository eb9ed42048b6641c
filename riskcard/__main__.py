from riskcard.cli import main

main()
