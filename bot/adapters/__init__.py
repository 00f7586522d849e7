"""Adapters: each translates between one way of talking to users and the core, and holds no logic of its own.

`discord/` is the Discord bot (with `cogs/`, its command extensions); `cli/` is the `briefbot` command line
and the offline console. The core never imports an adapter (checked by the import contract in pyproject.toml).
"""
