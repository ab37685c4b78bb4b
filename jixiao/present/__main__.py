from jixiao.present.cli import main

main()
