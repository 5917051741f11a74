from treatycli.main import main

main()
