"""briefbot: cited briefs on China's diplomacy in Central Asia, for Discord and the terminal.

The core (fact base, search, understanding, briefs, digests, state, render) answers; the adapters in
`bot/adapters/` (Discord, terminal) only translate. This package root imports nothing, so importing any core
module never loads discord.py.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
