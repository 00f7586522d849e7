"""The runtime state: one SQLite database the bot writes (the fact base is read-only and separate).

Modules:
  db          StateDB: the aiosqlite connection, write transactions, re-creating a file deleted under us
  migrations  numbered `NNNN_name.sql` files, applied in order at start-up (PRAGMA user_version)
  errors      StateDBError and its kinds
  handles     answer handles: the short ids button custom ids carry, kept so buttons outlive a restart
  meta        small keyed values: the signature of the last command set synced to Discord

Digest subscriptions and their delivery log live here too, through `bot.digests.store`.
"""
