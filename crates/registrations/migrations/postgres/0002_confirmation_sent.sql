-- When the confirmation email was sent.
ALTER TABLE registrations ADD COLUMN confirmation_sent_ms BIGINT;
