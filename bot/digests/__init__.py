"""Scheduled digest briefs. The core modules below never import discord (the cog and CLI adapt them).

Modules, bottom-up:
  timezones  IANA validation with "did you mean", fast autocomplete search
  models     Subscription, Delivery, ComposedDigest, DeliveryOutcome (pydantic, aware UTC datetimes)
  schedule   pure slot arithmetic (DST-correct, no wall clock)
  store      SubscriptionStore: guild-scoped CRUD, delivery log (idempotency claims), rotation state
  keys       DeliveryKey: a slot's log key, Discord nonce and footer marker, all derived from (sub, slot)
  boots      BootLock: which process made a claim, and whether it still lives (a file lock per process)
  delivery   DigestService: claim -> compose -> send with retries -> record; recovery of dead processes'
             claims; run_due catch-up; send_now
  scheduler  DigestScheduler: APScheduler 3 cron jobs rebuilt from the DB, plus a reconciliation sweep
  errors     exceptions, including the Delivery* types the Discord adapter raises

The subscriptions and delivery log are kept in the state database (`bot.state`).

Guarantees: one post per (subscription, slot), also across crashes, and every slot explained in the history (see
`delivery`); a lost channel pauses, never deletes; removal is a soft delete that keeps history; after downtime
at most the latest slot within the grace window is posted.
Submodules are imported explicitly (nothing is re-exported here) to keep imports cheap and acyclic.
"""
