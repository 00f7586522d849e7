"""Scheduled digest briefs. The core modules below never import discord (the cog and CLI adapt them).

Modules, bottom-up:
  timezones   IANA validation with "did you mean", fast autocomplete search
  models      Subscription, Delivery, ComposedDigest, DeliveryOutcome (pydantic, aware UTC datetimes)
  schedule    pure slot arithmetic (DST-correct, no wall clock)
  store       SubscriptionStore: guild-scoped CRUD, delivery log (idempotency claims), rotation state
  keys        DeliveryKey: a slot's log key, Discord nonce and footer marker, all derived from (sub, slot)
  boots       BootLock: which process made a claim, and whether it still lives (a file lock per process)
  sending     Sender port, RetryPolicy, send-with-retries under one nonce (channel search past its window)
  unrecorded  outcomes and claims the delivery log could not take yet, written or explained later
  concurrency per-channel order and the bound on simultaneous posts
  posting     SlotPoster: compose -> mark sending -> send -> record, for a slot this process has claimed
  recovery    Recovery: finishing the claims of processes that died while posting
  catch_up    CatchUp: which slots a sweep posts, 'missed' entries for the rest
  delivery    DigestService: claim, then the above; deliver, send_now, preview, run_due
  scheduler   DigestScheduler: APScheduler 3 cron jobs rebuilt from the DB, plus a reconciliation sweep
  errors      exceptions, including the Delivery* types the Discord adapter raises

The subscriptions and delivery log are kept in the state database (`bot.state`).

Guarantees: one post per (subscription, slot), also across crashes, and every slot explained in the history (see
`delivery`); a lost channel pauses, never deletes; removal is a soft delete that keeps history; after downtime
at most the latest slot within the grace window is posted.
Submodules are imported explicitly (nothing is re-exported here) to keep imports cheap and acyclic.
"""
