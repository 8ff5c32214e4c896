from outliner.cli import main

main()
