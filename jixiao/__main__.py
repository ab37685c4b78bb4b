"""``python -m jixiao`` — the same as the ``jixiao`` command."""

from jixiao.present.cli import main

if __name__ == "__main__":
    main()
