import sys

from bot.main import main

if __name__ == "__main__":  # the chart-drawing worker process imports this module again: it must not run
    sys.exit(main())
