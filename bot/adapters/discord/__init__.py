"""The Discord adapter: the client, deadline-safe replies, buttons, the one error handler, the digest sender.

Named after what it adapts to; inside it, `import discord` still means discord.py (imports are absolute).
"""
