-- Schema version 3: crash-safe delivery. Two columns on the delivery log, NULL for the rows already there:
--   boot        which process (boot) made the claim: a claim whose boot has died is recovered at once instead
--               of staying 'claimed' (see bot/digests/boots.py); NULL for claims made before this version;
--   sending_at  when the first send request for the slot began (NULL: nothing was sent), so that recovery
--               knows whether Discord may already hold the digest.
ALTER TABLE deliveries ADD COLUMN boot TEXT;
ALTER TABLE deliveries ADD COLUMN sending_at TEXT;
